package io.rebound.policy;

import io.rebound.policy.WorkbookTables.Table;
import io.rebound.policy.facts.EvidenceOrder;
import io.rebound.policy.facts.PlaybookRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Workbook;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.decisiontable.parser.DefaultRuleSheetListener;
import org.drools.decisiontable.parser.xls.ExcelParser;
import org.drools.template.parser.DataListener;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * Validates and compiles policy files into one immutable KieBase. Either everything is fine and a
 * {@link LoadedPolicy} comes out, or an {@link InvalidPolicyException} lists every problem found.
 */
final class PolicyCompiler {

  private static final String KIE_FOLDER = "src/main/resources/io/rebound/policy/";

  private PolicyCompiler() {}

  static LoadedPolicy compile(PolicyFiles files) {
    long started = System.nanoTime();
    List<String> problems = new ArrayList<>();
    List<Table> tables = new ArrayList<>();
    Map<String, String> drl = new HashMap<>();
    Table asData = null; // the Playbooks table, when it is read as data rather than compiled
    // a version stored before the lookup rule existed has its Playbooks rows compiled as rules
    boolean lookupDeclared = PlaybookSheet.lookupDeclared(files.ruleFiles().values());
    LookupSheets lookups = new LookupSheets(files.ruleFiles().values());
    if (files.workbooks().isEmpty()) {
      problems.add("no decision tables found: expected decision-tables/*.xlsx");
    }
    for (var wb : files.workbooks().entrySet()) {
      try (Workbook book = WorkbookTables.open(wb.getKey(), wb.getValue())) {
        List<Table> found = WorkbookTables.read(wb.getKey(), book);
        tables.addAll(found);
        List<Table> asRules = new ArrayList<>();
        for (Table t : found) {
          if (lookupDeclared && PlaybookSheet.readsAsData(book, t)) {
            asData = t;
          } else if (!lookups.takes(book, t)) {
            asRules.add(t);
          }
        }
        sheetDrl(book, asRules)
            .forEach((sheet, text) -> drl.put(wb.getKey() + "/" + sheet + ".drl", text));
      } catch (RuntimeException | IOException e) {
        problems.add(
            wb.getKey().substring(wb.getKey().indexOf('/') + 1)
                + ": the workbook cannot be read as decision tables: "
                + rootMessage(e));
      }
    }
    problems.addAll(PolicyValidator.validate(shortNames(tables)));
    for (var rule : files.ruleFiles().entrySet()) {
      drl.put(rule.getKey(), new String(rule.getValue(), StandardCharsets.UTF_8));
    }
    if (!problems.isEmpty()) {
      throw new InvalidPolicyException(files.origin(), problems);
    }
    KieBase kieBase = build(files.origin(), drl);
    RuleCatalog catalog = new RuleCatalog();
    tables.forEach(catalog::addTable);
    files.ruleFiles().forEach((path, bytes) -> catalog.addDrl(path, drl.get(path)));
    drl.values().forEach(catalog::addRuleText);
    // tables were read workbook by workbook (by file name), each in sheet order
    EvidenceOrder order =
        new EvidenceOrder(
            tables.stream().map(t -> List.of(t.name(), t.sheet() + " " + t.name())).toList());
    SessionGlobals globals =
        new SessionGlobals(
            order,
            asData == null ? PlaybookRows.NONE : PlaybookSheet.rows(asData),
            lookups.assessRows(),
            lookups.approvalRows());
    long millis = (System.nanoTime() - started) / 1_000_000;
    return new LoadedPolicy(
        kieBase, catalog, globals, GuardBuckets.of(tables), files.version(), millis);
  }

  /**
   * One DRL per sheet, as SpreadsheetCompiler writes it sheet by sheet (each sheet carries its own
   * RuleSet and Import rows), from one pass over the workbook already open: compiling sheet by
   * sheet from the bytes parsed the whole workbook again for every sheet.
   */
  private static Map<String, String> sheetDrl(Workbook book, List<Table> tables) {
    Map<String, List<DataListener>> listeners = new LinkedHashMap<>();
    Map<String, DefaultRuleSheetListener> bySheet = new LinkedHashMap<>();
    for (String sheet : tables.stream().map(Table::sheet).distinct().toList()) {
      DefaultRuleSheetListener listener = new DefaultRuleSheetListener();
      listener.setWorksheetName(sheet);
      bySheet.put(sheet, listener);
      listeners.put(sheet, List.of(listener));
    }
    new ExcelParser(listeners).parseWorkbook(book);
    SpreadsheetCompiler compiler = new SpreadsheetCompiler();
    Map<String, String> drl = new LinkedHashMap<>();
    bySheet.forEach((sheet, listener) -> drl.put(sheet, compiler.listenerToString(listener)));
    return drl;
  }

  /** Problems name the workbook as ops know it: "playbooks.xlsx", not "decision-tables/...". */
  private static List<Table> shortNames(List<Table> tables) {
    List<Table> out = new ArrayList<>();
    for (Table t : tables) {
      String file = t.file().substring(t.file().indexOf('/') + 1);
      out.add(new Table(file, t.sheet(), t.name(), t.columns(), t.rows()));
    }
    return out;
  }

  private static KieBase build(String origin, Map<String, String> drl) {
    KieServices ks = KieServices.get();
    KieFileSystem kfs = ks.newKieFileSystem();
    ReleaseId id = ks.newReleaseId("io.rebound", "policy-" + UUID.randomUUID(), "1.0.0");
    kfs.generateAndWritePomXML(id);
    // all rules share the package io.rebound.policy; keeping the files in its folder avoids a
    // build warning per sheet. byFile maps the builder's path back to the file ops know.
    Map<String, String> byFile = new HashMap<>();
    drl.forEach(
        (path, text) -> {
          String file = KIE_FOLDER + path.replaceAll("[^A-Za-z0-9.-]", "_");
          byFile.put(file, path);
          kfs.write(file, text);
        });
    KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
    List<String> problems = new ArrayList<>();
    for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
      // Drools adds this after the real parse error; it only repeats that the file failed
      if (!m.getText().contains("Parser returned a null Package")) {
        problems.add(describe(m, byFile, drl));
      }
    }
    if (problems.isEmpty() && builder.getResults().hasMessages(Message.Level.ERROR)) {
      builder
          .getResults()
          .getMessages(Message.Level.ERROR)
          .forEach(m -> problems.add(describe(m, byFile, drl)));
    }
    if (!problems.isEmpty()) {
      ks.getRepository().removeKieModule(id);
      throw new InvalidPolicyException(origin, problems);
    }
    try {
      return ks.newKieContainer(id).getKieBase();
    } finally {
      ks.getRepository().removeKieModule(id);
    }
  }

  /** "rules/invariants.drl, line 12: ..." or, for a table, the rule (sheet and row) at fault. */
  private static String describe(Message m, Map<String, String> byFile, Map<String, String> drl) {
    String reported = m.getPath() == null ? "" : m.getPath();
    String path = byFile.getOrDefault(reported, byFile.get("src/main/resources/" + reported));
    path = path == null ? reported : path;
    String text = m.getText().replaceAll("\\s+", " ").trim();
    if (path.contains(".xlsx/")) {
      String workbook = path.substring(path.indexOf('/') + 1, path.indexOf(".xlsx/") + 5);
      String rule = ruleAtLine(drl.get(path), m.getLine());
      return workbook
          + (rule == null ? "" : ", table row " + rule)
          + ": the engine cannot use this row: "
          + text;
    }
    return path + (m.getLine() > 0 ? ", line " + m.getLine() : "") + ": " + text;
  }

  private static String ruleAtLine(String text, int line) {
    if (text == null || line <= 0) {
      return null;
    }
    String[] lines = text.split("\n");
    for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
      String l = lines[i].trim();
      if (l.startsWith("rule ")) {
        return l.substring(5).replace("\"", "").trim();
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
