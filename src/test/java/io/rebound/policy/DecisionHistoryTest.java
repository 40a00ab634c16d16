package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.extract.DefaultFactExtractor;
import io.rebound.extract.EnvironmentProperties;
import io.rebound.extract.EnvironmentResolver;
import io.rebound.failure.FailureFact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14: a decision never depends on the alerts decided before it. A Databricks job notification
 * that carries only ids used to teach the memo "the message was not read", which it then served to
 * the next body with the same codes and a message.
 */
class DecisionHistoryTest {

  private static final Path FLAT_JOB =
      Path.of("src/test/resources/shared/payloads/prior-tool/05_databricks_flat_job_payload.json");

  private final DefaultFactExtractor extractor =
      new DefaultFactExtractor(new EnvironmentResolver(EnvironmentProperties.allProduction()));

  @Test
  void anIdOnlyNotificationDoesNotChangeTheDecisionOnTheNextBodyWithAMessage() throws IOException {
    FailureFact flatJob =
        extractor.extract("databricks", JsonMapper.builder().build().readTree(read()));
    // the same notification as the what-if gets it when the body carries only ids
    FailureFact bare = Facts.withMessage(flatJob, "", flatJob.attributes());
    PolicyEngine policy = PolicyEngine.fromDirectory(ShippedPolicy.DIR);

    Evaluation first = policy.evaluate(bare);
    Evaluation second = policy.evaluate(flatJob);

    assertThat(first.decision().errorType()).isEqualTo("UnknownError");
    assertThat(second).isEqualTo(PolicyEngine.fromDirectory(ShippedPolicy.DIR).evaluate(flatJob));
    assertThat(second.decision().errorType()).isEqualTo("DatabricksClusterStartFailure");
    assertThat(second.decision().playbook().action()).isEqualTo("restart_cluster");
  }

  private static String read() throws IOException {
    return Files.readString(FLAT_JOB);
  }
}
