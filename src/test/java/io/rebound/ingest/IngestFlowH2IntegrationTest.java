package io.rebound.ingest;

import org.springframework.test.context.TestPropertySource;

/** The ingest flow on H2 (in memory, PostgreSQL mode, as the file default is configured). */
@TestPropertySource(
    properties =
        "spring.datasource.url=jdbc:h2:mem:ingest-flow;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class IngestFlowH2IntegrationTest extends IngestFlowContract {}
