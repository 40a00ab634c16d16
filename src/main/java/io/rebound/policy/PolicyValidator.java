package io.rebound.policy;

import static io.rebound.policy.PolicyVocabulary.ACTIONS;
import static io.rebound.policy.PolicyVocabulary.CATEGORIES;
import static io.rebound.policy.PolicyVocabulary.ENVIRONMENTS;
import static io.rebound.policy.PolicyVocabulary.ESCALATE;
import static io.rebound.policy.PolicyVocabulary.HEALTH_CHECKS;
import static io.rebound.policy.PolicyVocabulary.OUTCOMES;
import static io.rebound.policy.PolicyVocabulary.PLATFORMS;
import static io.rebound.policy.PolicyVocabulary.PRIORITIES;
import static io.rebound.policy.PolicyVocabulary.SEVERITIES;

import io.rebound.failure.ErrorTypes;
import io.rebound.policy.WorkbookTables.Column;
import io.rebound.policy.WorkbookTables.DataRow;
import io.rebound.policy.WorkbookTables.Table;
import io.rebound.policy.facts.GuardHit;
import io.rebound.policy.facts.PolicyLists;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks every cell of every decision table before Drools sees it, so an on-call engineer gets
 * "playbooks.xlsx, sheet Playbooks, cell C14: 'three' is not a number of retries" instead of a
 * compiler trace. Columns are recognised by the header ops read.
 */
final class PolicyValidator {

  private static final Set<String> REQUIRED_TABLES =
      Set.of("Playbooks", "Severity", "Approval", "Categories");

  /** Every header a table may use; anything else is a typo or a rename the engine cannot honour. */
  private static final Set<String> KNOWN_HEADERS =
      Set.of(
          "Environment",
          "Action",
          "Needs approval",
          "Why",
          "Error type",
          "Why a human must act",
          "Event outcome",
          "Cluster termination code",
          "Cluster termination type",
          "Run termination code",
          "Run result state",
          "Why this is not a failure",
          "Connector code",
          "HTTP status",
          "Platform",
          "Activity error code",
          "Platform code",
          "Message mentions",
          "Category",
          "Library",
          "Versions to try, in order",
          "Max retries",
          "Backoff (s)",
          "Timeout (s)",
          "Health check",
          "Fallback actions",
          "Then run playbook",
          "Circuit breaker after (failures)",
          "Severity",
          "Priority",
          // guards.xlsx
          "Breaker open",
          "Budget spent",
          GuardBuckets.FAILURES_LAST_HOUR,
          GuardBuckets.FAILURES_LAST_DAY,
          GuardBuckets.OPEN_INCIDENTS,
          GuardBuckets.PLAYBOOK_RUNS,
          "Playbook success rate below (%)",
          "Then");

  private static final List<String> GUARD_OUTCOMES = List.of(GuardHit.ESCALATE, GuardHit.APPROVAL);

  private final List<String> problems = new ArrayList<>();

  static List<String> validate(List<Table> tables) {
    PolicyValidator v = new PolicyValidator();
    v.checkNames(tables);
    Set<String> playbookTypes = playbookTypes(tables);
    for (Table t : tables) {
      v.checkHeaders(t);
      v.checkTable(t, playbookTypes);
    }
    return v.problems;
  }

  private void checkNames(List<Table> tables) {
    Map<String, Table> seen = new HashMap<>();
    for (Table t : tables) {
      Table earlier = seen.putIfAbsent(t.name(), t);
      if (earlier != null) {
        problems.add(
            t.file()
                + ", sheet "
                + t.sheet()
                + ": a table named '"
                + t.name()
                + "' already exists in "
                + earlier.file()
                + ", sheet "
                + earlier.sheet()
                + "; give each RuleTable its own name");
      }
    }
    for (String required : REQUIRED_TABLES) {
      if (!seen.containsKey(required)) {
        problems.add("no decision table named 'RuleTable " + required + "' was found");
      }
    }
  }

  /**
   * A renamed or mistyped header would silently skip every check of its column (the cells then
   * reach the engine unchecked), so it is an error naming the header cell.
   */
  private void checkHeaders(Table t) {
    for (Column c : t.columns()) {
      if (!KNOWN_HEADERS.contains(c.header())) {
        String where = t.whereHeader(c);
        problems.add(
            where
                + ": '"
                + c.header()
                + "' is not a column Rebound knows, so nothing in this column could be checked;"
                + " use the header as shipped (for example 'Max retries', 'Backoff (s)')");
      }
    }
  }

  private static Set<String> playbookTypes(List<Table> tables) {
    Set<String> types = new HashSet<>();
    for (Table t : tables) {
      if (t.name().equals("Playbooks") && t.column("Error type") != null) {
        Column c = t.column("Error type");
        for (DataRow r : t.rows()) {
          if (r.value(c) != null) {
            types.add(r.value(c));
          }
        }
      }
    }
    return types;
  }

  private void checkTable(Table t, Set<String> playbookTypes) {
    if (t.rows().isEmpty()) {
      problems.add(t.file() + ", sheet " + t.sheet() + ": the table " + t.name() + " has no rows");
    }
    Map<List<String>, DataRow> byConditions = new HashMap<>();
    for (DataRow row : t.rows()) {
      for (Column col : t.columns()) {
        checkCell(t, row, col, playbookTypes);
      }
      checkRow(t, row);
      checkContradiction(t, row, byConditions);
    }
  }

  private void checkCell(Table t, DataRow row, Column col, Set<String> playbookTypes) {
    String v = row.value(col);
    String at = t.where(row, col);
    if (v == null) {
      if (isRequired(t, col)) {
        problems.add(at + ": '" + col.header() + "' is empty; every row needs a value here");
      }
      return;
    }
    if (v.indexOf('"') >= 0) {
      problems.add(at + ": '" + v + "' contains a double quote; remove it");
      return;
    }
    switch (col.header()) {
      case "Error type" -> oneOf(at, v, ErrorTypes.all(), "error type");
      case "Environment" -> oneOf(at, v, ENVIRONMENTS, "environment");
      case "Action" -> oneOf(at, v, ACTIONS, "action");
      case "Fallback actions" -> {
        for (String a : PolicyLists.split(v)) {
          oneOf(at, a, ACTIONS, "action");
        }
      }
      case "Max retries" -> number(at, v, "a number of retries", 0, 50);
      case "Timeout (s)" -> number(at, v, "a timeout in seconds", 0, 86_400);
      case "Circuit breaker after (failures)" -> number(at, v, "a number of failures", 0, 1000);
      case "HTTP status" -> number(at, v, "an HTTP status", 100, 599);
      case "Backoff (s)" -> {
        for (String wait : PolicyLists.split(v)) {
          if (!number(at, wait, "a wait in seconds", 0, 86_400)) {
            break;
          }
        }
      }
      case "Health check" -> oneOf(at, v, HEALTH_CHECKS, "health check");
      case "Then run playbook" -> {
        if (oneOf(at, v, ErrorTypes.all(), "error type") && !playbookTypes.contains(v)) {
          problems.add(at + ": '" + v + "' has no row in the Playbooks sheet to run next");
        }
      }
      case "Severity" -> oneOf(at, v, SEVERITIES, "severity");
      case "Priority" -> oneOf(at, v, PRIORITIES, "priority");
      case "Needs approval" -> {
        if (!PolicyLists.isYesOrNo(v)) {
          problems.add(at + ": '" + v + "' is not yes or no");
        }
      }
      case "Category" -> oneOf(at, v, CATEGORIES, "category");
      case "Breaker open", "Budget spent" -> {
        // compared as written: "Yes" would never match the state's "yes"
        if (!v.equals("yes") && !v.equals("no")) {
          problems.add(at + ": '" + v + "' is not yes or no (write it in lower case)");
        }
      }
      case GuardBuckets.FAILURES_LAST_HOUR,
          GuardBuckets.FAILURES_LAST_DAY,
          GuardBuckets.OPEN_INCIDENTS,
          GuardBuckets.PLAYBOOK_RUNS ->
          number(at, v, "a count", 1, 10_000);
      case "Playbook success rate below (%)" -> number(at, v, "a percentage", 1, 100);
      case "Then" -> oneOf(at, v, GUARD_OUTCOMES, "guard outcome");
      case "Platform" -> oneOf(at, v, PLATFORMS, "platform");
      case "Event outcome" -> oneOf(at, v, OUTCOMES, "event outcome");
      case "Versions to try, in order" -> {
        if (PolicyLists.split(v).isEmpty()) {
          problems.add(at + ": list at least one version, comma separated");
        }
      }
      default -> {
        // free text (reasons) and platform codes: any text without double quotes
      }
    }
  }

  private static boolean isRequired(Table t, Column col) {
    if (t.name().equals(GuardBuckets.TABLE)) {
      return col.header().equals("Then") || col.header().equals("Why");
    }
    return switch (col.header()) {
      case "Action",
          "Max retries",
          "Timeout (s)",
          "Health check",
          "Circuit breaker after (failures)",
          "Severity",
          "Priority",
          "Needs approval",
          "Category",
          "Versions to try, in order",
          // the last column of its table: the cell that inserts the row's outcome, so an empty
          // one would make the row silently do nothing
          "Why",
          "Why a human must act",
          "Why this is not a failure" ->
          true;
      case "Error type", "Environment", "Message mentions", "Library" ->
          !t.name().equals("Normal stops");
      default -> false;
    };
  }

  private void checkRow(Table t, DataRow row) {
    Column action = t.column("Action");
    Column retries = t.column("Max retries");
    Column backoff = t.column("Backoff (s)");
    if (action == null || retries == null || row.value(action) == null) {
      return;
    }
    Integer n = parse(row.value(retries));
    if (n == null) {
      return;
    }
    if (ESCALATE.equals(row.value(action))) {
      if (n > 0) {
        problems.add(
            t.where(row, retries)
                + ": escalate hands the failure to a human, so there is nothing to retry; set Max"
                + " retries to 0");
      }
      return;
    }
    int waits = backoff == null ? 0 : PolicyLists.split(row.value(backoff)).size();
    if (waits < n && backoff != null) {
      problems.add(
          t.where(row, backoff)
              + ": "
              + waits
              + (waits == 1 ? " wait" : " waits")
              + " for "
              + n
              + " retries; give one wait in seconds per retry, for example '10, 30, 60'");
    }
  }

  /** Two rows with the same conditions but different outcomes leave the engine to pick one. */
  private void checkContradiction(Table t, DataRow row, Map<List<String>, DataRow> seen) {
    List<String> key = new ArrayList<>();
    List<String> outcome = new ArrayList<>();
    Column first = null;
    for (Column c : t.columns()) {
      String v = row.value(c);
      String norm = v == null ? "" : v.toLowerCase(Locale.ROOT);
      if (c.condition()) {
        key.add(norm);
        if (first == null) {
          first = c;
        }
      } else {
        outcome.add(norm);
      }
    }
    if (first == null) {
      return;
    }
    DataRow earlier = seen.putIfAbsent(key, row);
    if (earlier == null) {
      return;
    }
    List<String> earlierOutcome = new ArrayList<>();
    for (Column c : t.columns()) {
      if (!c.condition()) {
        String v = earlier.value(c);
        earlierOutcome.add(v == null ? "" : v.toLowerCase(Locale.ROOT));
      }
    }
    if (!earlierOutcome.equals(outcome)) {
      problems.add(
          t.where(row, first)
              + ": row "
              + row.row()
              + " has the same conditions as row "
              + earlier.row()
              + " but a different outcome; keep only one of them");
    }
  }

  private boolean oneOf(String at, String v, java.util.Collection<String> allowed, String what) {
    if (allowed.contains(v)) {
      return true;
    }
    problems.add(at + ": '" + v + "' is not a known " + what + " (" + hint(allowed) + ")");
    return false;
  }

  private static String hint(java.util.Collection<String> allowed) {
    if (allowed.size() > 12) {
      return "check the spelling and the case";
    }
    return "use one of: " + String.join(", ", allowed);
  }

  private boolean number(String at, String v, String what, int min, int max) {
    Integer n = parse(v);
    if (n == null) {
      problems.add(at + ": '" + v + "' is not " + what + " (write a whole number such as 3)");
      return false;
    }
    if (n < min || n > max) {
      problems.add(
          at + ": " + n + " is out of range for " + what + " (" + min + " to " + max + ")");
      return false;
    }
    return true;
  }

  private static Integer parse(String v) {
    try {
      return Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
