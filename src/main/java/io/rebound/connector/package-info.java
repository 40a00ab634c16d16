/**
 * One client per platform (Databricks, ADF, GitHub, GitLab) with its actions and health checks.
 * Depends on nothing above it; no HTTP client type leaves this package.
 */
package io.rebound.connector;
