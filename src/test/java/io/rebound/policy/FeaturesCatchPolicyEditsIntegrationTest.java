package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The features are the living policy only if they notice an edit: run them against a copy of the
 * shipped policy with one playbook cell changed, in a JVM of their own, and expect a failure that
 * names the changed value.
 */
class FeaturesCatchPolicyEditsIntegrationTest {

  @Test
  void changingOnePlaybookCellFailsAScenario(@TempDir Path tmp) throws Exception {
    Path policy = PolicyCopies.copyShipped(tmp.resolve("policy"));
    String cell =
        PolicyCopies.cellOf(
            policy, "playbooks.xlsx", "Playbooks", "Error type", "GatewayTimeout", "Backoff (s)");
    PolicyCopies.setCell(policy, "playbooks.xlsx", "Playbooks", cell, "10, 30, 90");

    Run run = features(policy, tmp.resolve("features.log"));

    assertThat(run.exitCode()).as(run.output()).isNotZero();
    assertThat(run.output())
        .contains("failed")
        .contains("adf_playbooks.feature")
        .containsPattern(
            "\\[10, 30, 60\\][\\s\\S]*\\[10, 30, 90\\]|\\[10, 30, 90\\][\\s\\S]*\\[10, 30, 60\\]");
  }

  private record Run(int exitCode, String output) {}

  private static Run features(Path policyDir, Path log) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    "-Drebound.policy.dir=" + policyDir.toAbsolutePath(),
                    "-Dlogging.level.root=WARN",
                    "io.cucumber.core.cli.Main",
                    "--glue",
                    "io.rebound.features",
                    "--plugin",
                    "summary",
                    "--monochrome",
                    "features"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the features did not finish within 5 minutes");
    }
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
