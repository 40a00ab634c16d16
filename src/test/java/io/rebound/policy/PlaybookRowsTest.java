package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.Environment;
import io.rebound.failure.Priority;
import io.rebound.failure.Severity;
import io.rebound.policy.WorkbookTables.DataRow;
import io.rebound.policy.WorkbookTables.Table;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlaybookRowsTest {

  private static final PolicyEngine POLICY = ShippedPolicy.ENGINE;
  private static final Table PLAYBOOKS = Workbooks.table("playbooks.xlsx", "Playbooks");
  private static final Table NEVER = Workbooks.table("approval-gates.xlsx", "Never automatic");

  static Stream<Arguments> playbookRows() {
    return PLAYBOOKS.rows().stream()
        .map(r -> Arguments.of(r.value(PLAYBOOKS.column("Error type")), r));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("playbookRows")
  void everyPlaybookRowIsWhatTheDecisionCarries(String errorType, DataRow row) {
    var fact = FactsByErrorType.factFor(errorType, Environment.PRODUCTION).orElseThrow();
    Evaluation e = POLICY.evaluate(fact);
    Decision d = e.decision();
    assertThat(d.errorType()).isEqualTo(errorType);
    assertThat(e.explanation())
        .contains(
            new ExplanationEntry(
                PLAYBOOKS.ruleName(row), "decision-tables/playbooks.xlsx", "Playbooks", row.row()));

    String action = cell(row, "Action");
    boolean never =
        NEVER.rows().stream().anyMatch(r -> errorType.equals(r.value(NEVER.column("Error type"))));
    if (action.equals("escalate") || never) {
      assertThat(d.remediable()).isFalse();
      assertThat(d.approvalRequired()).isFalse();
      assertThat(d.playbook().action()).isEqualTo("escalate");
      assertThat(d.playbook().maxRetries()).isZero();
      return;
    }
    Playbook p = d.playbook();
    assertThat(d.remediable()).isTrue();
    assertThat(p.action()).isEqualTo(action);
    assertThat(p.maxRetries()).isEqualTo(Integer.parseInt(cell(row, "Max retries")));
    assertThat(p.backoffSeconds())
        .isEqualTo(split(cell(row, "Backoff (s)")).stream().map(Integer::valueOf).toList())
        .hasSizeGreaterThanOrEqualTo(p.maxRetries());
    assertThat(p.timeoutSeconds()).isEqualTo(Integer.parseInt(cell(row, "Timeout (s)")));
    assertThat(p.healthCheck()).isEqualTo(cell(row, "Health check"));
    assertThat(p.verifyHealth()).isEqualTo(!"none".equals(cell(row, "Health check")));
    assertThat(p.fallbacks()).isEqualTo(split(cell(row, "Fallback actions")));
    assertThat(p.chain()).isEqualTo(cell(row, "Then run playbook"));
    assertThat(p.circuitBreakerThreshold())
        .isEqualTo(Integer.parseInt(cell(row, "Circuit breaker after (failures)")));
  }

  @Test
  void driverNotRespondingInProductionMatchesTheIssueExample() {
    Decision d =
        POLICY
            .evaluate(
                Facts.clusterTerminated(
                    "DRIVER_UNREACHABLE", "SERVICE_FAULT", Environment.PRODUCTION))
            .decision();
    assertThat(d.failure()).isTrue();
    assertThat(d.category()).isEqualTo("infrastructure");
    assertThat(d.severity()).isEqualTo(Severity.HIGH);
    assertThat(d.priority()).isEqualTo(Priority.P2);
    assertThat(d.remediable()).isTrue();
    assertThat(d.approvalRequired()).isFalse();
    assertThat(d.playbook())
        .isEqualTo(
            new Playbook(
                "restart_cluster",
                1,
                List.of(60),
                600,
                true,
                "cluster_running",
                List.of("scale_cluster"),
                null,
                5,
                List.of(),
                // the restart runs on its own; the scale_cluster fallback waits for a person
                List.of("scale_cluster")));
    assertThat(d.reasons().get(0))
        .matches(
            "Classified as DatabricksDriverNotResponding: cluster termination code"
                + " DRIVER_UNREACHABLE \\(classification.xlsx, Cluster terminations, row \\d+\\)");
  }

  static Stream<Arguments> priorToolPlaybooks() {
    return Stream.of(
        Arguments.of("GatewayTimeout", "retry_pipeline", List.of(10, 30, 60), List.of()),
        Arguments.of("HttpConnectionFailed", "retry_pipeline", List.of(5, 15, 30), List.of()),
        Arguments.of(
            "ThrottlingError", "retry_pipeline", List.of(30, 60, 120, 300, 600), List.of()),
        Arguments.of("InternalServerError", "retry_pipeline", List.of(30, 60), List.of()),
        Arguments.of(
            "UserErrorSourceBlobNotExists",
            "rerun_upstream_pipeline",
            List.of(60, 120, 300),
            List.of()),
        Arguments.of(
            "DatabricksClusterStartFailure", "restart_cluster", List.of(60, 120), List.of()),
        Arguments.of("DatabricksTimeoutError", "retry_job", List.of(30, 60), List.of()),
        Arguments.of(
            "DatabricksLibraryInstallationError", "reinstall_library", List.of(30, 60), List.of()),
        Arguments.of("DatabricksResourceExhausted", "scale_cluster", List.of(60, 120), List.of()),
        Arguments.of(
            "ClusterUnexpectedTermination", "restart_cluster", List.of(60, 120), List.of()),
        Arguments.of(
            "DatabricksJobExecutionError",
            "retry_job",
            List.of(30, 60, 120),
            List.of("scale_cluster")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("priorToolPlaybooks")
  void playbooksUsersOfThePriorToolRelyOn(
      String errorType, String action, List<Integer> backoff, List<String> fallbacks) {
    Playbook p =
        POLICY
            .evaluate(FactsByErrorType.factFor(errorType, Environment.STAGING).orElseThrow())
            .decision()
            .playbook();
    assertThat(p.action()).isEqualTo(action);
    assertThat(p.maxRetries()).isEqualTo(backoff.size());
    assertThat(p.backoffSeconds()).isEqualTo(backoff);
    assertThat(p.fallbacks()).isEqualTo(fallbacks);
  }

  @Test
  void outOfMemoryScalesThenChainsToRetryingTheJob() {
    Decision d =
        POLICY
            .evaluate(
                Facts.databricksMessage(
                    "java.lang.OutOfMemoryError: GC overhead limit exceeded", Environment.STAGING))
            .decision();
    assertThat(d.playbook().action()).isEqualTo("scale_cluster");
    String chain = d.playbook().chain();
    assertThat(chain).isNotNull();
    Playbook next =
        POLICY
            .evaluate(FactsByErrorType.factFor(chain, Environment.STAGING).orElseThrow())
            .decision()
            .playbook();
    assertThat(next.action()).isEqualTo("retry_job");
  }

  @Test
  void libraryFallbackNeverRetriesTheVersionThatFailed() {
    Decision d =
        POLICY.evaluate(Facts.libraryFailure("pandas==2.1.4", Environment.DEVELOPMENT)).decision();
    assertThat(d.playbook().action()).isEqualTo("reinstall_library");
    assertThat(d.playbook().libraryVersions()).containsExactly("2.1.0", "2.0.3", "1.5.3");
    assertThat(d.reasons())
        .anySatisfy(
            r ->
                assertThat(r)
                    .contains("2.1.4 failed")
                    .contains("library-fallbacks.xlsx, Library versions, row"));
    Decision numpy =
        POLICY.evaluate(Facts.libraryFailure("NumPy==1.24.3", Environment.DEVELOPMENT)).decision();
    assertThat(numpy.playbook().libraryVersions()).containsExactly("1.26.3", "1.23.5", "1.22.4");
    Decision scikit =
        POLICY
            .evaluate(Facts.libraryFailure("scikit_learn==1.4.0", Environment.DEVELOPMENT))
            .decision();
    assertThat(scikit.playbook().libraryVersions()).containsExactly("1.3.2", "1.3.0", "1.2.2");
  }

  @Test
  void productionIsHarsherThanStagingHarsherThanDevelopment() {
    for (DataRow row : PLAYBOOKS.rows()) {
      String type = row.value(PLAYBOOKS.column("Error type"));
      Decision prod = decide(type, Environment.PRODUCTION);
      Decision staging = decide(type, Environment.STAGING);
      Decision dev = decide(type, Environment.DEVELOPMENT);
      assertThat(prod.severity().compareTo(staging.severity())).as(type).isLessThanOrEqualTo(0);
      assertThat(staging.severity().compareTo(dev.severity())).as(type).isLessThanOrEqualTo(0);
      assertThat(prod.priority().compareTo(staging.priority())).as(type).isLessThanOrEqualTo(0);
      assertThat(staging.priority().compareTo(dev.priority())).as(type).isLessThanOrEqualTo(0);
      if (prod.severity() != Severity.LOW) {
        assertThat(prod.severity())
            .as(type + " is milder in development")
            .isNotEqualTo(dev.severity());
      }
    }
  }

  private static Decision decide(String type, Environment env) {
    return POLICY.evaluate(FactsByErrorType.factFor(type, env).orElseThrow()).decision();
  }

  private static String cell(DataRow row, String header) {
    return row.value(PLAYBOOKS.column(header));
  }

  private static List<String> split(String cell) {
    return io.rebound.policy.facts.PolicyLists.split(cell);
  }
}
