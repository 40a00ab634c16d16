/**
 * Extractors: the one parser of platform bodies, turning raw webhook and API bodies into {@link
 * io.rebound.failure.FailureFact}s. Used by ingest (webhooks) and policy (what-if). Uses only
 * failure.
 *
 * <p>Public surface: {@link io.rebound.extract.FactReader} (extract + read-only enrichment, the one
 * pipeline webhooks and the what-if share; unreadable bodies become {@link
 * io.rebound.extract.UnrecognisedAlert} facts), the {@link io.rebound.extract.PlatformReads} port
 * it enriches through (implemented by ingest), {@link io.rebound.extract.FieldNames} and {@link
 * io.rebound.extract.FieldNamesSheet} (the classification workbook's "Field names" sheet), {@link
 * io.rebound.extract.FieldNamesInForce} (the names every body is read with; the policy module puts
 * the sheet of each version it puts in force there, so extract never looks at stored versions),
 * {@link io.rebound.extract.FactExtractor} and its implementation {@link
 * io.rebound.extract.DefaultFactExtractor} (also constructible without Spring), {@link
 * io.rebound.extract.UnreadablePayloadException}, {@link io.rebound.extract.EnvironmentResolver}
 * and its configuration {@link io.rebound.extract.EnvironmentProperties} ({@code
 * rebound.environments.*}). One package-private reader per platform shape family does the reading.
 */
package io.rebound.extract;
