package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rebound.failure.Environment;
import io.rebound.policy.facts.MessageVocabulary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lint on copies of the shipped policy, each broken in one way ops could break it. */
class PolicyLintTest {

  @Test
  void theShippedPolicyHasNoLintErrors() {
    PolicyLint.Report report = PolicyLint.lint(PolicyFiles.fromDirectory(ShippedPolicy.DIR));
    assertThat(report.errors()).isEmpty();
  }

  @Test
  void anActionWithNoGateRowInOneEnvironmentIsAnErrorNamingThePlaybookCell(@TempDir Path dir) {
    PolicyCopies.copyShipped(dir);
    String gate =
        PolicyCopies.cellOf(
            dir, "approval-gates.xlsx", "Approval", "Action", "scale_cluster", "Action");
    // the first scale_cluster row is production's; pointing it at another action removes the gate
    PolicyCopies.setCell(dir, "approval-gates.xlsx", "Approval", gate, "escalate");

    PolicyLint.Report report = PolicyLint.lint(PolicyFiles.fromDirectory(dir));

    assertThat(report.errors())
        .contains(
            "playbooks.xlsx, sheet Playbooks, cell "
                + firstUse(dir, "scale_cluster")
                + ": action 'scale_cluster' has no row in approval-gates.xlsx, sheet Approval for"
                + " production; add one saying whether it needs approval");
  }

  @Test
  void anErrorTypeWithNoPlaybookIsAnErrorNamingTheCellThatProducesIt(@TempDir Path dir) {
    PolicyCopies.copyShipped(dir);
    String type =
        PolicyCopies.cellOf(
            dir,
            "playbooks.xlsx",
            "Playbooks",
            "Error type",
            "DatabricksTableNotFound",
            "Error type");
    // the row now repeats another type's conditions with the same outcome: only the gap remains
    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", type, "DatabricksPermissionDenied");

    PolicyLint.Report report = PolicyLint.lint(PolicyFiles.fromDirectory(dir));

    assertThat(report.errors())
        .anySatisfy(
            e ->
                assertThat(e)
                    .matches(
                        "classification\\.xlsx, sheet [^,]+, cell [A-Z]+[0-9]+: error type"
                            + " 'DatabricksTableNotFound' has no playbook in production; add a"
                            + " row for it to playbooks\\.xlsx, sheet Playbooks"));
  }

  @Test
  void aRenamedHeaderRefusesThePolicyNamingItsCellInsteadOfSkippingTheColumnsChecks(
      @TempDir Path dir) {
    PolicyCopies.copyShipped(dir);
    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", "C10", "Max retry");
    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", "C11", "three");
    String expected =
        "playbooks.xlsx, sheet Playbooks, cell C10: 'Max retry' is not a column Rebound knows, so"
            + " nothing in this column could be checked; use the header as shipped (for example"
            + " 'Max retries', 'Backoff (s)')";

    assertThat(PolicyLint.lint(PolicyFiles.fromDirectory(dir)).errors()).contains(expected);
    assertThatThrownBy(() -> PolicyEngine.fromDirectory(dir))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class, e -> assertThat(e.problems()).containsExactly(expected));
  }

  @Test
  void anActionNoPlaybookUsesIsAWarning(@TempDir Path dir) {
    PolicyCopies.copyShipped(dir);
    for (String type :
        new String[] {
          "DatabricksClusterStartFailure",
          "DatabricksDriverNotResponding",
          "ClusterUnexpectedTermination"
        }) {
      String cell =
          PolicyCopies.cellOf(dir, "playbooks.xlsx", "Playbooks", "Error type", type, "Action");
      PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", cell, "scale_cluster");
    }
    PolicyLint.Report report = PolicyLint.lint(PolicyFiles.fromDirectory(dir));
    assertThat(report.warnings())
        .contains(
            "playbooks.xlsx, sheet Playbooks, cell B10: no playbook uses the action"
                + " 'restart_cluster'");
  }

  @Test
  void aGeneralRowBelowASpecificOneIsAnOverlapWarning(@TempDir Path dir) {
    PolicyCopies.copyShipped(dir);
    // row 11: LIBRARY_INSTALLATION_ERROR when FAILED; row 12 below: the same code in any state
    PolicyCopies.setCell(dir, "classification.xlsx", "Run terminations", "B11", "FAILED");
    PolicyCopies.setCell(
        dir, "classification.xlsx", "Run terminations", "A12", "LIBRARY_INSTALLATION_ERROR");

    PolicyLint.Report report = PolicyLint.lint(PolicyFiles.fromDirectory(dir));

    assertThat(report.warnings())
        .contains(
            "classification.xlsx, sheet Run terminations, cell A12: row 12 (an empty cell means"
                + " any) also matches what row 11 matches, and decides differently; check which"
                + " one should win, or fill the empty cell so only one matches");
    assertThat(report.warnings()).noneMatch(w -> w.contains("can never decide"));
    assertThat(PolicyLint.lint(PolicyFiles.fromDirectory(ShippedPolicy.DIR)).warnings())
        .noneMatch(w -> w.contains("sheet Run terminations, cell A12: row 12"));
  }

  @Test
  void aRowBelowARowWithFewerConditionsIsUnreachableAndTheEngineAgrees(@TempDir Path dir) {
    PolicyCopies.copyShipped(dir);
    // row 11: LIBRARY_INSTALLATION_ERROR in any result state; row 12 now the same code when FAILED
    PolicyCopies.setCell(
        dir, "classification.xlsx", "Run terminations", "A12", "LIBRARY_INSTALLATION_ERROR");
    PolicyCopies.setCell(dir, "classification.xlsx", "Run terminations", "B12", "FAILED");

    PolicyLint.Report report = PolicyLint.lint(PolicyFiles.fromDirectory(dir));

    assertThat(report.warnings())
        .contains(
            "classification.xlsx, sheet Run terminations, cell A12: row 12 can never decide: row"
                + " 11 above it (cell A11) matches every failure row 12 matches and decides"
                + " differently, and the row nearest the top wins; B11 is empty, which means"
                + " any. Move row 12 above row 11 if it is the exception, or delete it")
        // the same pair is not also called an overlap
        .noneMatch(w -> w.contains("cell A11: row 11 (an empty cell means any)"));
    // what the warning claims is what the engine does: the failure row 12 describes is decided
    // by row 11
    Evaluation e =
        PolicyEngine.fromDirectory(dir)
            .evaluate(
                Facts.jobRun(
                    "LIBRARY_INSTALLATION_ERROR",
                    null,
                    "FAILED",
                    "Library installation failed",
                    Environment.PRODUCTION));
    assertThat(e.decision().errorType()).isEqualTo("DatabricksLibraryInstallationError");
    assertThat(e.decision().reasons())
        .anyMatch(r -> r.contains("Run terminations, row 11"))
        .noneMatch(r -> r.contains("Run terminations, row 12"));
  }

  @Test
  void aMessagePhraseBelowAShorterPhraseItAlwaysContainsIsUnreachable(@TempDir Path dir) {
    PolicyCopies.copyShipped(dir);
    String sheet = "Message patterns";
    var patterns = PolicyCopies.table(dir, "classification.xlsx", sheet);
    int timedOut = PolicyCopies.rowWith(patterns, "Message mentions", "timed out");
    int startFailure = PolicyCopies.rowWith(patterns, "Message mentions", "failed to start");
    int oom = PolicyCopies.rowWith(patterns, "Message mentions", "OOM");
    int exhausted = PolicyCopies.rowWith(patterns, "Message mentions", "RESOURCE_EXHAUSTED");
    assertThat(timedOut).isLessThan(startFailure);
    assertThat(oom).isLessThan(exhausted);
    PolicyCopies.setCell(dir, "classification.xlsx", sheet, "B" + startFailure, "job timed out");
    PolicyCopies.setCell(dir, "classification.xlsx", sheet, "B" + exhausted, "OOMKilled");

    PolicyLint.Report report = PolicyLint.lint(PolicyFiles.fromDirectory(dir));

    String lower = String.valueOf(startFailure);
    String upper = String.valueOf(timedOut);
    assertThat(report.warnings())
        .contains(
            "classification.xlsx, sheet Message patterns, cell A"
                + lower
                + ": row "
                + lower
                + " can never decide: row "
                + upper
                + " above it (cell A"
                + upper
                + ") matches every failure row "
                + lower
                + " matches and decides differently, and the row nearest the top wins; a message"
                + " that mentions 'job timed out' (B"
                + lower
                + ") also mentions 'timed out' (B"
                + upper
                + "). Move row "
                + lower
                + " above row "
                + upper
                + " if it is the exception, or delete it");
    // 'OOM' is matched as a whole word: a message that mentions OOMKilled need not mention OOM
    assertThat(report.warnings()).noneMatch(w -> w.contains("row " + exhausted + " can never"));
    Evaluation e =
        PolicyEngine.fromDirectory(dir)
            .evaluate(
                Facts.databricksMessage(
                    "Run failed: job timed out after 3600 s", Environment.PRODUCTION));
    assertThat(e.decision().errorType()).isEqualTo("DatabricksTimeoutError");
  }

  /**
   * The unreachable warning for message phrases only claims what is certain: whenever lint says a
   * message that mentions the lower phrase always mentions the upper one, the engine's own phrase
   * matching agrees on random messages around it (whole words, case, '*', punctuation).
   */
  @Test
  void aPhraseLintSaysIsAlwaysMentionedIsMentionedByEveryMessageMentioningTheLowerOne() {
    Random random = new Random(20261203);
    String[] words = {
      "timed",
      "out",
      "Timed",
      "job",
      "OOM",
      "OOMKilled",
      "driver",
      "not",
      "responding",
      "x",
      "-",
      ":",
      "_",
      "error",
      "Error_",
      "42",
      "*"
    };
    int claims = 0;
    for (int i = 0; i < 4000; i++) {
      String lower = text(random, words, 1 + random.nextInt(4)).replace("*", "").trim();
      if (lower.isEmpty()) {
        continue;
      }
      String upper =
          random.nextInt(3) == 0
              ? text(random, words, 1 + random.nextInt(2)).trim()
              : slice(random, lower);
      if (upper.isEmpty() || !PolicyLint.alwaysMentioned(upper, lower)) {
        continue;
      }
      claims++;
      for (int k = 0; k < 25; k++) {
        String message =
            text(random, words, random.nextInt(3))
                + (random.nextBoolean() ? " " : "")
                + lower
                + (random.nextBoolean() ? " " : "")
                + text(random, words, random.nextInt(3));
        if (mentions(lower, message)) {
          assertThat(mentions(upper, message))
              .as("'%s' claimed always mentioned with '%s'; message '%s'", upper, lower, message)
              .isTrue();
        }
      }
    }
    assertThat(claims).as("claims checked").isGreaterThan(200);
  }

  private static String text(Random random, String[] words, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(random.nextBoolean() ? " " : "").append(words[random.nextInt(words.length)]);
    }
    return sb.toString();
  }

  private static String slice(Random random, String s) {
    int from = random.nextInt(s.length());
    return s.substring(from, from + 1 + random.nextInt(s.length() - from)).trim();
  }

  private static boolean mentions(String phrase, String message) {
    var read = MessageVocabulary.of(List.of("mentions(\"" + phrase + "\")")).read(message);
    return read != null && read.phrases().contains(phrase);
  }

  @Test
  void theShippedPolicyHasNoUnreachableRow() {
    assertThat(PolicyLint.lint(PolicyFiles.fromDirectory(ShippedPolicy.DIR)).warnings())
        .noneMatch(w -> w.contains("can never decide"));
  }

  @Test
  void theCommandExitsZeroOnTheShippedPolicyAndOneWithTheSameMessagesOnABrokenOne(
      @TempDir Path dir) {
    Output ok = lint(ShippedPolicy.DIR.toString());
    assertThat(ok.code()).isZero();
    assertThat(ok.text()).containsPattern(": 0 errors, \\d+ warnings?");

    PolicyCopies.copyShipped(dir);
    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", "C10", "Max retry");
    Output broken = lint(dir.toString());
    assertThat(broken.code()).isOne();
    for (String error : PolicyLint.lint(PolicyFiles.fromDirectory(dir)).errors()) {
      assertThat(broken.text()).contains("ERROR " + error);
    }

    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", "C10", "Max retries");
    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", "C11", "three");
    Output invalid = lint(dir.toString());
    assertThat(invalid.code()).isOne();
    assertThat(invalid.text()).contains("cell C11: 'three' is not a number of retries");

    assertThat(lint(dir.resolve("missing").toString()).code()).isEqualTo(2);

    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", "C11", 3);
    PolicyCopies.setCell(
        dir, "classification.xlsx", "Run terminations", "A12", "LIBRARY_INSTALLATION_ERROR");
    PolicyCopies.setCell(dir, "classification.xlsx", "Run terminations", "B12", "FAILED");
    Output warned = lint(dir.toString());
    assertThat(warned.code()).isZero();
    List<String> warnings = PolicyLint.lint(PolicyFiles.fromDirectory(dir)).warnings();
    assertThat(warnings).anyMatch(w -> w.contains("row 12 can never decide"));
    for (String warning : warnings) {
      assertThat(warned.text()).contains("WARNING " + warning);
    }
  }

  private record Output(int code, String text) {}

  private static Output lint(String folder) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code =
        PolicyLintCommand.run(
            new String[] {folder}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Output(code, bytes.toString(StandardCharsets.UTF_8));
  }

  private static String firstUse(Path dir, String action) {
    var t = PolicyCopies.table(dir, "playbooks.xlsx", "Playbooks");
    for (var r : t.rows()) {
      if (action.equals(r.value(t.column("Action")))) {
        return t.cellRef(r, t.column("Action"));
      }
    }
    throw new AssertionError(action + " is not used");
  }
}
