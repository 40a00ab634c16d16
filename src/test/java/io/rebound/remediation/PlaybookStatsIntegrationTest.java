package io.rebound.remediation;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rebound.failure.Environment;
import io.rebound.incident.IncidentDecided;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/stats/playbooks for a viewer: the outcome of an escalated decision, and bad input. */
class PlaybookStatsIntegrationTest extends RemediationIntegrationTestBase {

  @Test
  void aViewerSeesOutcomesPerErrorTypeActionAndRow() throws Exception {
    cluster();
    IncidentDecided decided =
        record(
            Incidents.clusterFailure(currentCluster, Environment.PRODUCTION),
            Incidents.playbook("escalate", 0, List.of(), 0, List.of()),
            false);
    awaitState(decided, "ESCALATED");

    mvc.perform(get("/api/stats/playbooks?days=7").with(user("viewer").roles("VIEWER")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.days").value(7))
        .andExpect(jsonPath("$.since", notNullValue()))
        .andExpect(jsonPath("$.playbooks[*].errorType", hasItem("ClusterUnexpectedTermination")))
        .andExpect(
            jsonPath(
                    "$.playbooks[?(@.errorType == 'ClusterUnexpectedTermination'"
                        + " && @.action == 'escalate')].tableRow")
                .value(hasItem(PlaybookOutcomes.NO_ROW)))
        .andExpect(
            jsonPath(
                    "$.playbooks[?(@.errorType == 'ClusterUnexpectedTermination'"
                        + " && @.action == 'escalate')].escalations")
                .value(hasItem(notNullValue())))
        .andExpect(jsonPath("$.playbooks[0].decisions", notNullValue()))
        .andExpect(jsonPath("$.playbooks[0].runs", notNullValue()))
        .andExpect(jsonPath("$.playbooks[0].resolved", notNullValue()));
  }

  @Test
  void aWindowThatIsNotADayCountIsA400NamingIt() throws Exception {
    mvc.perform(get("/api/stats/playbooks?days=forever").with(user("viewer").roles("VIEWER")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error", notNullValue()))
        .andExpect(jsonPath("$.detail").value(containsString("days must be a whole number")));
  }
}
