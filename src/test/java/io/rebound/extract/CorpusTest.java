package io.rebound.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.policy.Decision;
import io.rebound.policy.PolicyEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The corpus of real alert bodies (src/test/resources/corpus/&lt;family&gt;/*.json), each with what
 * Rebound must decide, run through the same extract + enrich + policy path the webhooks use, with
 * the shipped workbooks and the body's recorded Databricks answers. Prints a score per family and
 * fails unless every body is decided as expected.
 */
class CorpusTest {

  static final Path CORPUS = Path.of("src", "test", "resources", "corpus");
  private static final PolicyEngine POLICY = PolicyEngine.fromDirectory(Path.of(""));

  @Test
  void everyBodyIsDecidedAsTheCorpusExpects() throws IOException {
    List<CorpusCase> cases = CorpusCase.all(CORPUS);
    assertThat(cases).as("corpus size").hasSizeGreaterThanOrEqualTo(150);
    Map<String, int[]> scores = new TreeMap<>();
    List<String> misread = new ArrayList<>();
    for (CorpusCase c : cases) {
      List<String> problems = problems(c);
      int[] score = scores.computeIfAbsent(c.family(), f -> new int[2]);
      score[1]++;
      if (problems.isEmpty()) {
        score[0]++;
      } else {
        misread.add(c.name() + ": " + String.join("; ", problems));
      }
    }
    System.out.println(table(scores));
    misread.forEach(line -> System.out.println("  MISREAD " + line));
    assertThat(misread).as("bodies decided otherwise than the corpus expects").isEmpty();
  }

  private static List<String> problems(CorpusCase c) {
    List<io.rebound.failure.FailureFact> facts =
        c.reader().read(c.endpoint(), c.body()).stream().map(FactReader.Reading::fact).toList();
    // Through the decision memo, as the webhook path decides, in the corpus's order: a decision
    // must not depend on what was decided before it (prior-tool/detailed-message-2128 follows a
    // body with the same codes and no message; it got the earlier answer before the memo was
    // keyed by the whole policy input).
    List<Decision> decisions = facts.stream().map(f -> POLICY.evaluate(f).decision()).toList();
    List<CorpusCase.Expect> expected = c.expectations();
    List<String> problems = new ArrayList<>();
    if (decisions.size() != expected.size()) {
      problems.add(expected.size() + " incident(s) expected, got " + decisions.size());
      return problems;
    }
    for (int i = 0; i < expected.size(); i++) {
      CorpusCase.Expect want = expected.get(i);
      Decision got = decisions.get(i);
      String action = CorpusCase.action(got);
      String prefix = expected.size() > 1 ? "row " + (i + 1) + ": " : "";
      if (want.failure() != got.failure()
          || !Objects.equals(want.errorType(), got.errorType())
          || !Objects.equals(want.action(), action)) {
        problems.add(
            prefix
                + "expected "
                + want
                + ", got failure="
                + got.failure()
                + " errorType="
                + got.errorType()
                + " action="
                + action
                + " | read: "
                + read(facts.get(i)));
      }
    }
    return problems;
  }

  /** What the reader made of the body, for the person fixing a misread. */
  private static String read(io.rebound.failure.FailureFact fact) {
    String message = fact.errorMessage();
    return fact.source().id()
        + " "
        + fact.outcome()
        + " "
        + fact.codes()
        + " message=\""
        + (message.length() > 160 ? message.substring(0, 160) + "..." : message)
        + "\"";
  }

  private static String table(Map<String, int[]> scores) {
    StringBuilder out = new StringBuilder("\nCorpus: decided as expected, per family\n");
    int right = 0;
    int total = 0;
    for (Map.Entry<String, int[]> e : scores.entrySet()) {
      int[] s = e.getValue();
      right += s[0];
      total += s[1];
      out.append(String.format("  %-34s %3d / %3d  %5.1f %%%n", e.getKey(), s[0], s[1], pct(s)));
    }
    out.append(
        String.format(
            "  %-34s %3d / %3d  %5.1f %%%n", "ALL", right, total, pct(new int[] {right, total})));
    return out.toString();
  }

  private static double pct(int[] s) {
    return s[1] == 0 ? 0 : 100.0 * s[0] / s[1];
  }
}
