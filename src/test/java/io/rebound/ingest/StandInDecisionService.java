package io.rebound.ingest;

import io.rebound.failure.FailureFact;
import io.rebound.failure.Outcome;
import io.rebound.failure.Priority;
import io.rebound.failure.Severity;
import io.rebound.policy.Decision;
import io.rebound.policy.DecisionService;
import io.rebound.policy.Evaluation;
import java.util.List;
import java.util.Set;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * TEMPORARY: stands in for the Drools policy until feat/policy is merged; delete then. Failed runs
 * and abnormal terminations are failures; everything else is not.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StandInDecisionService {

  private static final Set<String> NORMAL_STOPS = Set.of("INACTIVITY", "USER_REQUEST", "SUCCESS");

  @Bean
  DecisionService decisionService() {
    return new DecisionService() {
      @Override
      public Evaluation evaluate(FailureFact fact) {
        boolean failure =
            fact.outcome() == Outcome.FAILED
                || fact.outcome() == Outcome.TERMINATED
                    && !NORMAL_STOPS.contains(String.valueOf(fact.codes().terminationCode()));
        Decision decision =
            new Decision(
                failure,
                failure ? "UnknownError" : null,
                failure ? "infrastructure" : null,
                failure ? Severity.HIGH : Severity.INFO,
                failure ? Priority.P2 : Priority.P4,
                false,
                false,
                null,
                List.of("stand-in"));
        return new Evaluation(fact, decision, List.of(), "stand-in");
      }

      @Override
      public String policyVersion() {
        return "stand-in";
      }
    };
  }
}
