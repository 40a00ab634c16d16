package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rebound.failure.Environment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Startup with rebound.policy.dir: a broken policy stops the service with the cells to fix. */
@ExtendWith(OutputCaptureExtension.class)
class PolicyStartupIntegrationTest {

  @Test
  void aBrokenPolicyStopsStartupWithTheProblemsNotAStackTrace(
      @TempDir Path dir, CapturedOutput output) {
    PolicyCopies.copyShipped(dir);
    String cell =
        PolicyCopies.cellOf(
            dir, "playbooks.xlsx", "Playbooks", "Error type", "GatewayTimeout", "Max retries");
    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", cell, "three");

    assertThatThrownBy(() -> start("rebound.policy.dir=" + dir).close())
        .hasRootCauseInstanceOf(InvalidPolicyException.class);

    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains(
            "playbooks.xlsx, sheet Playbooks, cell "
                + cell
                + ": 'three' is not a number of retries")
        .contains("correct the cells listed")
        .doesNotContain("at io.rebound.policy.PolicyCompiler");
  }

  @Test
  void aValidPolicyFolderIsTheOneInForce(@TempDir Path dir) {
    PolicyCopies.copyShipped(dir);
    String action =
        PolicyCopies.cellOf(
            dir,
            "playbooks.xlsx",
            "Playbooks",
            "Error type",
            "DatabricksDriverNotResponding",
            "Action");
    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", action, "start_cluster");
    try (ConfigurableApplicationContext ctx = start("rebound.policy.dir=" + dir)) {
      DecisionService service = ctx.getBean(DecisionService.class);
      assertThat(service.policyVersion()).isEqualTo(PolicyFiles.fromDirectory(dir).version());
      Decision d =
          service
              .evaluate(
                  Facts.clusterTerminated(
                      "DRIVER_UNREACHABLE", "SERVICE_FAULT", Environment.PRODUCTION))
              .decision();
      assertThat(d.playbook().action()).isEqualTo("start_cluster");
    }
  }

  private static ConfigurableApplicationContext start(String property) {
    return new SpringApplicationBuilder(PolicyConfiguration.class)
        .web(WebApplicationType.NONE)
        .properties("spring.main.banner-mode=off")
        .run(
            "--" + property,
            "--rebound.security.generated-secrets-file=target/policy-startup-secrets.properties");
  }
}
