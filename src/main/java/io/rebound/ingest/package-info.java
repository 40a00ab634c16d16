/**
 * Webhook endpoints, per-source authentication, the inbox of raw deliveries, Databricks enrichment
 * and the cluster-event poller. Uses failure, extract, incident, policy (DecisionService),
 * connector (Databricks reads).
 */
package io.rebound.ingest;
