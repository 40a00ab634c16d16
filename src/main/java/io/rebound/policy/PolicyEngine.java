package io.rebound.policy;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Drools-backed {@link DecisionService}. Build it from a policy folder holding rules/ and
 * decision-tables/ ({@link #fromDirectory}) or from the policy shipped in the jar ({@link
 * #shipped}). A reload validates and compiles the new files completely before it replaces the
 * policy in force: a broken workbook never replaces a working one.
 */
public final class PolicyEngine implements DecisionService {

  /** In Boot's global registry, so the engine stays constructible without Spring. */
  private static final Timer EVALUATION =
      Timer.builder("rebound.policy.evaluation")
          .description("Time to decide one fact (rules and decision tables)")
          .publishPercentileHistogram()
          .register(Metrics.globalRegistry);

  private final AtomicReference<LoadedPolicy> current;

  private PolicyEngine(LoadedPolicy policy) {
    this.current = new AtomicReference<>(policy);
  }

  /**
   * @throws InvalidPolicyException listing every problem, each naming file, sheet and cell
   */
  public static PolicyEngine fromDirectory(Path policyDir) {
    return new PolicyEngine(PolicyCompiler.compile(PolicyFiles.fromDirectory(policyDir)));
  }

  /**
   * @throws InvalidPolicyException if the shipped policy is broken (a build test prevents that)
   */
  public static PolicyEngine shipped() {
    return new PolicyEngine(PolicyCompiler.compile(PolicyFiles.shipped()));
  }

  /**
   * Replaces the policy in force with the one in the folder, only if it is entirely valid.
   *
   * @return the new policy version
   * @throws InvalidPolicyException and keeps the current policy when the folder has problems
   */
  public String reload(Path policyDir) {
    LoadedPolicy candidate = PolicyCompiler.compile(PolicyFiles.fromDirectory(policyDir));
    current.set(candidate);
    return candidate.version();
  }

  @Override
  public Evaluation evaluate(FailureFact fact) {
    Objects.requireNonNull(fact, "fact");
    return EVALUATION.record(() -> current.get().evaluate(fact));
  }

  /**
   * Runs the rules even when the same codes were decided before: what a decision costs without the
   * memo. For benchmarks and tests that prove the memo changes nothing.
   */
  public Evaluation evaluateWithoutMemo(FailureFact fact) {
    Objects.requireNonNull(fact, "fact");
    return current.get().evaluateWithoutMemo(fact);
  }

  @Override
  public Optional<Playbook> playbookFor(String errorType, Environment environment) {
    Objects.requireNonNull(errorType, "errorType");
    Objects.requireNonNull(environment, "environment");
    return current.get().playbookFor(errorType, environment);
  }

  @Override
  public String policyVersion() {
    return current.get().version();
  }

  /** How long the policy in force took to validate and compile, in milliseconds. */
  public long compileMillis() {
    return current.get().compileMillis();
  }
}
