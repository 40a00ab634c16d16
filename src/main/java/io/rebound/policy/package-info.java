/**
 * The policy: rules/ and decision-tables/ loaded into Drools, validated, evaluated in phases
 * (classify, assess, select playbook, gate) and explained. Public surface: {@link
 * io.rebound.policy.DecisionService} and its implementation {@link io.rebound.policy.PolicyEngine}
 * ({@code fromDirectory}, {@code shipped}, {@code reload}), {@link
 * io.rebound.policy.InvalidPolicyException}, {@link io.rebound.policy.Evaluation}, {@link
 * io.rebound.policy.Decision}, {@link io.rebound.policy.Playbook}, {@link
 * io.rebound.policy.ExplanationEntry}. No Drools type leaves this package; {@code
 * io.rebound.policy.facts} is public only for Drools-generated code. Uses failure, extract.
 */
package io.rebound.policy;
