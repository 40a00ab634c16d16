package io.rebound.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rebound.connector.ActionRequest;
import io.rebound.connector.ActionResult;
import io.rebound.connector.Connectors;
import io.rebound.connector.HealthCheckResult;
import io.rebound.failure.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One action vocabulary: every name a workbook may use has exactly one handler, escalate none. */
class ActionVocabularyTest {

  private static final Connectors NO_PLATFORM =
      new Connectors() {
        @Override
        public String platformOf(String action) {
          throw new UnsupportedOperationException();
        }

        @Override
        public String platformOf(ActionRequest request) {
          throw new UnsupportedOperationException();
        }

        @Override
        public ActionResult perform(ActionRequest request) {
          throw new UnsupportedOperationException();
        }

        @Override
        public HealthCheckResult checkHealth(
            String healthCheck, ActionRequest request, ActionResult result) {
          throw new UnsupportedOperationException();
        }
      };

  @Test
  void everyWorkbookActionButEscalateHasItsHandler() {
    ActionHandlers handlers = new ActionHandlers(NO_PLATFORM);
    for (String name : Action.workbookNames()) {
      if (name.equals(Action.ESCALATE.id())) {
        assertThat(handlers.of(name)).as(name).isEmpty();
      } else {
        assertThat(handlers.of(name))
            .as(name)
            .hasValueSatisfying(h -> h.action().id().equals(name));
      }
    }
    assertThat(handlers.of("restart_clusters")).isEmpty();
  }

  @Test
  void theWorkbookNamesAreTheOnesOpsWrite() {
    assertThat(Action.workbookNames())
        .containsExactly(
            "retry_pipeline",
            "rerun_upstream_pipeline",
            "retry_job",
            "repair_run",
            "restart_cluster",
            "start_cluster",
            "scale_cluster",
            "reinstall_library",
            "rerun_workflow",
            "escalate")
        .doesNotContain(Action.RESTORE_CLUSTER_SIZE.id());
    assertThat(Action.unknownIn(List.of("retry_job", "restart_cluster", "reboot_cluster")))
        .containsExactly("reboot_cluster");
    assertThatThrownBy(() -> Action.of("reboot_cluster"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown action \"reboot_cluster\"; known: [retry_pipeline");
  }
}
