/**
 * The policy: rules/ and decision-tables/ loaded into Drools, validated, evaluated in phases
 * (classify, assess, select playbook, gate) and explained. Public surface: {@link
 * io.rebound.policy.DecisionService}, {@link io.rebound.policy.Evaluation}, {@link
 * io.rebound.policy.Decision}, {@link io.rebound.policy.Playbook}, {@link
 * io.rebound.policy.ExplanationEntry}. No Drools type leaves this package. Uses failure, extract.
 */
package io.rebound.policy;
