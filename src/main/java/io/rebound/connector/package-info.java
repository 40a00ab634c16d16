/**
 * One client per platform (Databricks, ADF, GitHub, GitLab) with its actions and health checks.
 * Uses only failure (the {@link io.rebound.failure.Action} vocabulary); no HTTP client or SDK type
 * leaves this package.
 *
 * <p>Public surface: {@link io.rebound.connector.Connectors} (perform an action, poll a health
 * check, tell the platform of an action), {@link io.rebound.connector.DatabricksReads} (raw
 * Databricks JSON for ingest), and their values {@link io.rebound.connector.ActionRequest}, {@link
 * io.rebound.connector.ActionResult}, {@link io.rebound.connector.HealthCheckResult}, {@link
 * io.rebound.connector.ConnectorException}.
 *
 * <p>Retries belong to the caller: no client retries on its own (the Databricks SDK's retries are
 * switched off). A {@link io.rebound.connector.ConnectorException} says whether asking again can
 * help and, for 429/503, after how many seconds; a {@link
 * io.rebound.connector.RequestRejectedException} (400/403/404/409/422) says the request itself is
 * wrong, which says nothing about the platform's health. Every client has a connect and a read
 * timeout ({@code rebound.connector.*}).
 */
package io.rebound.connector;
