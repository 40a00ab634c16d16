/**
 * Incidents, fingerprints, lifecycle, audit trail, stats and their API. Uses failure, policy
 * (decision types).
 */
package io.rebound.incident;
