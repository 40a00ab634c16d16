package io.rebound.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.Environment;
import io.rebound.policy.Playbook;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanBlueprintTest {

  private static final Playbook RESTART =
      new Playbook(
          "restart_cluster",
          2,
          List.of(30, 60),
          600,
          true,
          "cluster_running",
          List.of("scale_cluster", "escalate"),
          "DatabricksJobExecutionError",
          3,
          List.of());
  private static final Playbook RERUN =
      new Playbook(
          "retry_job", 1, List.of(120), 1800, true, "run_succeeded", List.of(), null, 3, List.of());

  @Test
  void primaryGetsItsRetriesThenEachFallbackOnceThenTheChainedPlaybook() {
    List<StepSpec> steps =
        PlanBlueprint.stepsFor(
            "ClusterUnexpectedTermination",
            RESTART,
            Incidents.clusterFailure("0923-164208-meows279", Environment.PRODUCTION),
            type ->
                "DatabricksJobExecutionError".equals(type) ? Optional.of(RERUN) : Optional.empty(),
            5);

    assertThat(steps)
        .extracting(s -> s.stageNo() + ":" + s.kind() + ":" + s.action() + ":" + s.maxAttempts())
        .containsExactly(
            "0:PRIMARY:restart_cluster:2",
            "0:FALLBACK:scale_cluster:1",
            "0:FALLBACK:escalate:1",
            "1:PRIMARY:retry_job:1");
    assertThat(steps.get(1).healthCheck()).isEqualTo("cluster_running");
    assertThat(steps.get(3).target())
        .containsEntry("clusterId", "0923-164208-meows279")
        .containsEntry("jobId", Incidents.jobIdFor("0923-164208-meows279"));
  }

  @Test
  void aChainThatLoopsBackStopsAtTheFirstRepeat() {
    Playbook loops =
        new Playbook("retry_job", 0, List.of(), 60, false, null, List.of(), "A", 3, List.of());
    List<StepSpec> steps =
        PlanBlueprint.stepsFor(
            "A",
            loops,
            Incidents.clusterFailure("c1", Environment.PRODUCTION),
            type -> Optional.of(loops),
            5);
    assertThat(steps).hasSize(1);
    assertThat(steps.get(0).healthCheck()).isEqualTo("none");
  }

  @Test
  void libraryVersionsTravelAsParameters() {
    Playbook reinstall =
        new Playbook(
            "reinstall_library",
            1,
            List.of(0),
            600,
            true,
            null,
            List.of(),
            null,
            3,
            List.of("2.1.0", "2.0.3"));
    StepSpec step =
        PlanBlueprint.stepsFor(
                "DatabricksLibraryInstallationError",
                reinstall,
                Incidents.clusterFailure("c1", Environment.PRODUCTION),
                type -> Optional.empty(),
                5)
            .get(0);
    assertThat(step.parameters()).isEqualTo(Map.of("libraryVersions", "2.1.0,2.0.3"));
    assertThat(step.healthCheck()).isEqualTo("library_installed");
  }
}
