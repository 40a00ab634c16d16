package io.rebound.ingest;

import org.springframework.test.context.ContextConfiguration;

/** The ingest flow on a real PostgreSQL server (embedded, own database). */
@ContextConfiguration(initializers = PostgresDatabase.class)
class IngestFlowPostgresIntegrationTest extends IngestFlowContract {}
