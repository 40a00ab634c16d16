package io.rebound.policy;

import java.util.List;

/**
 * What to do about a failure, as the playbook workbook says.
 *
 * @param action the first action: retry_pipeline, rerun_upstream_pipeline, retry_job, repair_run,
 *     restart_cluster, start_cluster, scale_cluster, reinstall_library, rerun_workflow, escalate
 * @param maxRetries how many attempts of the action at most
 * @param backoffSeconds wait before each attempt, one entry per retry
 * @param timeoutSeconds how long an attempt and its health check may take
 * @param verifyHealth whether a health check must pass before the incident counts as resolved
 * @param healthCheck which check: cluster_running, run_succeeded, pipeline_succeeded,
 *     library_installed, workflow_succeeded, none
 * @param fallbacks actions to try in order once the retries are spent
 * @param chain the playbook (error type) to run after this one succeeds, or null
 * @param circuitBreakerThreshold failures of this action on this resource that open its breaker
 * @param libraryVersions for reinstall_library: versions to try in order, never the failed one
 * @param approvalRequiredFor the actions of this playbook (first action or fallbacks) that wait for
 *     a person's approval in this environment, per the approval-gates workbook
 */
public record Playbook(
    String action,
    int maxRetries,
    List<Integer> backoffSeconds,
    int timeoutSeconds,
    boolean verifyHealth,
    String healthCheck,
    List<String> fallbacks,
    String chain,
    int circuitBreakerThreshold,
    List<String> libraryVersions,
    List<String> approvalRequiredFor) {

  public Playbook {
    backoffSeconds = backoffSeconds == null ? List.of() : List.copyOf(backoffSeconds);
    fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    libraryVersions = libraryVersions == null ? List.of() : List.copyOf(libraryVersions);
    approvalRequiredFor =
        approvalRequiredFor == null ? List.of() : List.copyOf(approvalRequiredFor);
  }

  /** A playbook none of whose actions needs approval. */
  public Playbook(
      String action,
      int maxRetries,
      List<Integer> backoffSeconds,
      int timeoutSeconds,
      boolean verifyHealth,
      String healthCheck,
      List<String> fallbacks,
      String chain,
      int circuitBreakerThreshold,
      List<String> libraryVersions) {
    this(
        action,
        maxRetries,
        backoffSeconds,
        timeoutSeconds,
        verifyHealth,
        healthCheck,
        fallbacks,
        chain,
        circuitBreakerThreshold,
        libraryVersions,
        List.of());
  }

  /** This playbook with the library versions to try for this failure. */
  public Playbook withLibraryVersions(List<String> versions) {
    return new Playbook(
        action,
        maxRetries,
        backoffSeconds,
        timeoutSeconds,
        verifyHealth,
        healthCheck,
        fallbacks,
        chain,
        circuitBreakerThreshold,
        versions,
        approvalRequiredFor);
  }

  /** This playbook with the actions that wait for approval in this failure's environment. */
  public Playbook withApprovalRequiredFor(List<String> actions) {
    return new Playbook(
        action,
        maxRetries,
        backoffSeconds,
        timeoutSeconds,
        verifyHealth,
        healthCheck,
        fallbacks,
        chain,
        circuitBreakerThreshold,
        libraryVersions,
        actions);
  }

  /** Whether a person must approve before Rebound runs this action of the playbook. */
  public boolean needsApproval(String anAction) {
    return approvalRequiredFor.contains(anAction);
  }
}
