package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.Environment;
import io.rebound.failure.ErrorCodes;
import io.rebound.failure.FailureFact;
import io.rebound.failure.FailureType;
import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceIds;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import io.rebound.policy.facts.MessageVocabulary;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Issue 14: the memo must be invisible. Random facts, built from the codes and message phrases the
 * workbooks use (and from what they do not), are decided in random orders by one memoised policy
 * that keeps its memo across every try, and each decision is compared with the rules run afresh.
 */
class DecisionMemoPropertiesTest {

  /** Its own policy, so its memo holds only what this test decided, in the order jqwik chose. */
  private static final PolicyEngine MEMOISED = PolicyEngine.fromDirectory(ShippedPolicy.DIR);

  private static final List<String> CODES = ShippedRules.conditionValues();
  private static final List<String> PHRASES =
      MessageVocabulary.of(ShippedRules.drl().values()).phrases();

  @Property(tries = 300)
  void aDecisionDependsOnlyOnItsOwnFact(@ForAll("histories") List<FailureFact> history) {
    for (FailureFact fact : history) {
      Evaluation remembered = MEMOISED.evaluate(fact);
      Evaluation fresh = ShippedPolicy.ENGINE.evaluateWithoutMemo(fact);
      assertThat(remembered.decision()).as("decision for %s", fact).isEqualTo(fresh.decision());
      assertThat(remembered.explanation())
          .as("explanation for %s", fact)
          .isEqualTo(fresh.explanation());
      assertThat(remembered).isEqualTo(fresh);
    }
  }

  @Provide
  Arbitrary<List<FailureFact>> histories() {
    return facts().list().ofMinSize(1).ofMaxSize(40);
  }

  private Arbitrary<FailureFact> facts() {
    Arbitrary<ErrorCodes> codes =
        Combinators.combine(code(), code(), code(), code(), code(), code(), code(), httpStatus())
            .as(
                (activity, connector, termination, terminationType, run, runType, result, http) ->
                    new ErrorCodes(
                        activity,
                        connector,
                        termination,
                        terminationType,
                        run,
                        runType,
                        null,
                        result,
                        http,
                        null));
    return Combinators.combine(
            Arbitraries.of(Source.class),
            Arbitraries.of(Environment.class),
            Arbitraries.of(Outcome.class),
            codes,
            code(),
            message(),
            library())
        .as(
            (source, env, outcome, c, platformCode, message, library) ->
                new FailureFact(
                    source,
                    env,
                    ResourceKind.OTHER,
                    outcome,
                    ResourceIds.NONE,
                    new ErrorCodes(
                        c.activityCode(),
                        c.connectorCode(),
                        c.terminationCode(),
                        c.terminationType(),
                        c.runTerminationCode(),
                        c.runTerminationType(),
                        null,
                        c.resultState(),
                        c.httpStatus(),
                        platformCode),
                    message,
                    FailureType.UNKNOWN,
                    Instant.parse("2026-11-20T03:12:00Z"),
                    library == null ? Map.of() : Map.of("library", library)));
  }

  /** Mostly absent, as in real bodies; otherwise a code a table knows, in any case, or noise. */
  private static Arbitrary<String> code() {
    Arbitrary<String> known = Arbitraries.of(CODES);
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just((String) null)),
        Tuple.of(3, known),
        Tuple.of(1, known.map(s -> s.toLowerCase(Locale.ROOT))),
        Tuple.of(1, Arbitraries.of("", " ", "UNKNOWN_CODE", "9999")));
  }

  private static Arbitrary<Integer> httpStatus() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.just((Integer) null)),
        Tuple.of(2, Arbitraries.of(400, 401, 403, 404, 408, 429, 500, 502, 503, 504)),
        Tuple.of(1, Arbitraries.integers().between(100, 599)));
  }

  /** Null, empty, noise, or text around a phrase of the Message patterns sheet (any case). */
  private static Arbitrary<String> message() {
    Arbitrary<String> noise = Arbitraries.strings().alpha().withChars(' ', ':').ofMaxLength(20);
    Arbitrary<String> phrase =
        Arbitraries.of(PHRASES)
            .map(p -> p.replace("*", "abc"))
            .flatMap(
                p ->
                    Arbitraries.of(
                        p,
                        p.toUpperCase(Locale.ROOT),
                        p.toLowerCase(Locale.ROOT),
                        p + "s",
                        "x" + p));
    Arbitrary<String> mentioning =
        Combinators.combine(noise, phrase, noise, phrase.injectNull(0.7))
            .as((a, p, b, q) -> a + " " + p + " " + b + (q == null ? "" : " " + q));
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just((String) null)),
        Tuple.of(3, Arbitraries.just("")),
        Tuple.of(2, noise),
        Tuple.of(5, mentioning));
  }

  private static Arbitrary<String> library() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just((String) null)),
        Tuple.of(
            1, Arbitraries.of("pandas==2.1.4", "pandas==2.0.3", "com.acme:etl-core:1.2", "numpy")));
  }
}
