package io.rebound.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The ingest flow on H2 (in memory, PostgreSQL mode, as the file default is configured). */
@TestPropertySource(
    properties =
        "spring.datasource.url=jdbc:h2:mem:ingest-flow;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class IngestFlowH2IntegrationTest extends IngestFlowContract {

  @Test
  void theAuditSequenceReservesAThousandNumbersAtATime() {
    // H2 commits the sequence's state each time its reserve runs out (migration 120)
    assertThat(
            jdbc.sql(
                    "SELECT identity_cache FROM information_schema.columns"
                        + " WHERE table_name = 'audit_event' AND column_name = 'seq'")
                .query(Long.class)
                .single())
        .isEqualTo(1000);
  }
}
