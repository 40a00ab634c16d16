/**
 * Extractors: one per platform, turning raw bodies into {@link io.rebound.failure.FailureFact}s.
 * Public surface: {@link io.rebound.extract.FactExtractor}, {@link
 * io.rebound.extract.UnreadablePayloadException}. Used by ingest (webhooks) and policy (what-if).
 * Uses only failure.
 */
package io.rebound.extract;
