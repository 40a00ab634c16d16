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
 * #shipped}). Stored versions are put in force by {@code PolicyVersions}, only once they have
 * validated and compiled completely: a broken workbook never replaces a working one.
 */
public final class PolicyEngine implements DecisionService {

  /** In Boot's global registry, so the engine stays constructible without Spring. */
  private static final Timer EVALUATION =
      Timer.builder("rebound.policy.evaluation")
          .description("Time to decide one fact (rules and decision tables)")
          .publishPercentileHistogram()
          .register(Metrics.globalRegistry);

  /**
   * The policy in force with the files it was compiled from and its stored version number (0 until
   * the version store has given it one). One reference, read once per decision: a swap never mixes
   * two versions in one decision, and a decision under way finishes on the policy it started with.
   */
  record InForce(LoadedPolicy policy, PolicyFiles files, int number) {}

  private final AtomicReference<InForce> current;

  private PolicyEngine(LoadedPolicy policy, PolicyFiles files) {
    this.current = new AtomicReference<>(new InForce(policy, files, 0));
  }

  /**
   * @throws InvalidPolicyException listing every problem, each naming file, sheet and cell
   */
  public static PolicyEngine fromDirectory(Path policyDir) {
    PolicyFiles files = PolicyFiles.fromDirectory(policyDir);
    return new PolicyEngine(PolicyCompiler.compile(files), files);
  }

  /**
   * @throws InvalidPolicyException if the shipped policy is broken (a build test prevents that)
   */
  public static PolicyEngine shipped() {
    PolicyFiles files = PolicyFiles.shipped();
    return new PolicyEngine(PolicyCompiler.compile(files), files);
  }

  /** Puts a compiled stored version in force in one atomic step. */
  void install(int number, PolicyFiles files, LoadedPolicy compiled) {
    current.set(new InForce(compiled, files, number));
  }

  InForce inForce() {
    return current.get();
  }

  @Override
  public Evaluation evaluate(FailureFact fact) {
    Objects.requireNonNull(fact, "fact");
    return EVALUATION.record(() -> current.get().policy().evaluate(fact));
  }

  @Override
  public Evaluation evaluate(FailureFact fact, ResourceState state) {
    Objects.requireNonNull(fact, "fact");
    Objects.requireNonNull(state, "state");
    return EVALUATION.record(() -> current.get().policy().evaluate(fact, state));
  }

  /**
   * Runs the rules even when the same codes were decided before: what a decision costs without the
   * memo. For benchmarks and tests that prove the memo changes nothing.
   */
  public Evaluation evaluateWithoutMemo(FailureFact fact) {
    Objects.requireNonNull(fact, "fact");
    return current.get().policy().evaluateWithoutMemo(fact);
  }

  @Override
  public Optional<Playbook> playbookFor(String errorType, Environment environment) {
    Objects.requireNonNull(errorType, "errorType");
    Objects.requireNonNull(environment, "environment");
    return current.get().policy().playbookFor(errorType, environment);
  }

  @Override
  public String policyVersion() {
    return current.get().policy().version();
  }

  /** How long the policy in force took to validate and compile, in milliseconds. */
  public long compileMillis() {
    return current.get().policy().compileMillis();
  }
}
