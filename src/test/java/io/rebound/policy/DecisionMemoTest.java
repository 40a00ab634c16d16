package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The memo of decisions must be invisible: every fact gets exactly the evaluation the rules would
 * give it, including when only the message tells two failures apart.
 */
class DecisionMemoTest {

  private static final PolicyEngine POLICY = ShippedPolicy.ENGINE;

  @Test
  void rememberedDecisionsEqualFreshOnesForTheWholeBenchmarkMix() {
    List<FailureFact> facts = new ArrayList<>(DecisionServiceBenchmark.mix());
    facts.addAll(DecisionServiceBenchmark.mix()); // second pass is served from the memo
    for (FailureFact fact : facts) {
      assertThat(POLICY.evaluate(fact)).isEqualTo(POLICY.evaluateWithoutMemo(fact));
    }
  }

  @Test
  void sameCodesDifferentMessagesAreDecidedByTheirOwnMessage() {
    FailureFact oom =
        Facts.databricksMessage("java.lang.OutOfMemoryError: Java heap space", Environment.STAGING);
    FailureFact driver =
        Facts.databricksMessage("Could not reach driver of cluster 0923", Environment.STAGING);
    FailureFact odd = Facts.databricksMessage("something odd", Environment.STAGING);

    for (int round = 0; round < 2; round++) {
      assertThat(POLICY.evaluate(oom).decision().errorType()).isEqualTo("DatabricksOutOfMemory");
      assertThat(POLICY.evaluate(driver).decision().errorType())
          .isEqualTo("DatabricksDriverNotResponding");
      assertThat(POLICY.evaluate(odd).decision().errorType()).isEqualTo("UnknownError");
    }
  }

  @Test
  void theEvaluationCarriesTheFactItWasAskedAbout() {
    FailureFact prod =
        Facts.clusterTerminated("DRIVER_UNREACHABLE", "SERVICE_FAULT", Environment.PRODUCTION);
    FailureFact staging = prod.withEnvironment(Environment.STAGING);

    assertThat(POLICY.evaluate(prod).fact()).isSameAs(prod);
    assertThat(POLICY.evaluate(staging).fact()).isSameAs(staging);
    assertThat(POLICY.evaluate(staging).decision().priority())
        .isNotEqualTo(POLICY.evaluate(prod).decision().priority());
  }
}
