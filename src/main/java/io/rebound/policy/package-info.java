/**
 * The policy: rules/ and decision-tables/ loaded into Drools, validated, linted, evaluated in
 * phases (classify, assess, select playbook, gate) and explained, and its versions. Public surface:
 * {@link io.rebound.policy.DecisionService} and its implementation {@link
 * io.rebound.policy.PolicyEngine} ({@code fromDirectory}, {@code shipped}), {@link
 * io.rebound.policy.InvalidPolicyException}, {@link io.rebound.policy.Evaluation}, {@link
 * io.rebound.policy.Decision}, {@link io.rebound.policy.Playbook}, {@link
 * io.rebound.policy.ExplanationEntry}, {@link io.rebound.policy.PolicyLintCommand} (the {@code
 * lint} mode of the jar).
 *
 * <p>State the guard phase reads (guards.xlsx, after the playbook is chosen): {@link
 * io.rebound.policy.StateGatherer} gathers a {@link io.rebound.policy.ResourceState} before each
 * decision through two ports it defines, {@link io.rebound.policy.StateGatherer.FailureHistory}
 * (implemented by incident) and {@link io.rebound.policy.StateGatherer.ActionHistory} (implemented
 * by remediation), so the policy reads no other module's tables; {@link
 * io.rebound.policy.StateFacts} is what a decision was checked against (shown by the what-if, which
 * accepts {@link io.rebound.policy.StateOverrides}); {@link io.rebound.policy.StateCache} and
 * {@link io.rebound.policy.StateProperties} ({@code rebound.state.*}) keep gathering cheap. No
 * Drools type leaves this package; {@code io.rebound.policy.facts} is public only for
 * Drools-generated code. Uses failure, extract.
 *
 * <p>Policy versions live in the database in this module's own tables (policy_version, policy_file,
 * policy_audit_event, migrations V70-V79), reached through its own JDBC access: the module uses no
 * other module's persistence. Its audit events have the shape of incident's audit trail but stay
 * here, because policy may not use incident and each event must commit with the change it records.
 * The HTTP API is /api/policy (versions, candidates, promote, rollback, audit, coverage). When a
 * version goes in force on a node, its "Field names" sheet is handed to extract's {@code
 * FieldNamesInForce}: the policy pushes, extract never reads versions.
 */
package io.rebound.policy;
