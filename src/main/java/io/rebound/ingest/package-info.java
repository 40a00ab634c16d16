/**
 * Webhook endpoints, per-source authentication, the inbox of raw deliveries, Databricks enrichment
 * and the cluster-event poller. Nothing here is used by other modules: its surface is HTTP ({@code
 * /webhooks/*}, {@code /azure-monitor}, {@code /azure-monitor-alert}, {@code /databricks-monitor},
 * {@code /api/deliveries}). Uses failure, extract, incident, policy (DecisionService), connector
 * (Databricks reads), ticket (Jira's webhook, {@code /webhooks/jira}, once authenticated).
 */
package io.rebound.ingest;
