package io.rebound.policy;

import io.rebound.policy.WorkbookTables.Column;
import io.rebound.policy.WorkbookTables.DataRow;
import io.rebound.policy.WorkbookTables.Table;
import io.rebound.policy.facts.MessageVocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where every rule lives (workbook, sheet, row or .drl file) and, for table rows, what their
 * condition cells say, prepared once per policy so a decision only looks things up.
 */
final class RuleCatalog {

  /** A rule's home, the text that places it, and what its conditions matched on. */
  record RuleInfo(ExplanationEntry entry, String location, String evidence) {}

  private static final Pattern DRL_RULE = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");

  private final Map<String, RuleInfo> rules = new HashMap<>();
  private final List<String> ruleTexts = new ArrayList<>();

  void addTable(Table table) {
    String file = table.file().substring(table.file().indexOf('/') + 1);
    for (DataRow row : table.rows()) {
      String name = table.ruleName(row);
      String location = file + ", " + table.sheet() + ", row " + row.row();
      RuleInfo info =
          new RuleInfo(
              new ExplanationEntry(name, table.file(), table.sheet(), row.row()),
              location,
              evidence(table, row));
      rules.put(name, info);
      // compiled one sheet at a time, SpreadsheetCompiler prefixes the sheet name
      rules.put(table.sheet() + " " + name, info);
    }
  }

  void addDrl(String path, String text) {
    Matcher m = DRL_RULE.matcher(text);
    while (m.find()) {
      String name = m.group(1);
      rules.put(name, new RuleInfo(new ExplanationEntry(name, path, null, null), path, name));
    }
  }

  /** Remembers a compiled rule text (a .drl file or a sheet's generated DRL) for its phrases. */
  void addRuleText(String drl) {
    ruleTexts.add(drl);
  }

  /** Every phrase the compiled rules ask messages about. */
  MessageVocabulary messageVocabulary() {
    return MessageVocabulary.of(ruleTexts);
  }

  RuleInfo get(String ruleName) {
    RuleInfo info = rules.get(ruleName);
    return info != null
        ? info
        : new RuleInfo(new ExplanationEntry(ruleName, null, null, null), ruleName, ruleName);
  }

  /** "cluster termination code DRIVER_UNREACHABLE", from the row's filled condition cells. */
  private static String evidence(Table table, DataRow row) {
    StringBuilder sb = new StringBuilder();
    for (Column c : table.columns()) {
      String v = row.value(c);
      if (!c.condition() || v == null) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(", ");
      }
      String header = c.header().isEmpty() ? "" : lowerFirst(c.header());
      sb.append(header);
      if (header.endsWith("mentions")) {
        sb.append(" '").append(v).append('\'');
      } else {
        sb.append(' ').append(v);
      }
    }
    return sb.toString();
  }

  private static String lowerFirst(String header) {
    if (header.length() > 1 && Character.isUpperCase(header.charAt(1))) {
      return header; // an acronym such as "ADF" or "HTTP"
    }
    return Character.toLowerCase(header.charAt(0)) + header.substring(1);
  }
}
