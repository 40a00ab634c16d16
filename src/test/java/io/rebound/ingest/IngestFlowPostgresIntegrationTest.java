package io.rebound.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/** The ingest flow on a real PostgreSQL server (embedded, own database). */
@ContextConfiguration(initializers = PostgresDatabase.class)
class IngestFlowPostgresIntegrationTest extends IngestFlowContract {

  @Test
  void theAuditSequenceKeepsNoReservePerConnection() {
    // a reserve per connection would number events out of the order they happened (migration 120
    // changes H2 only)
    assertThat(
            jdbc.sql(
                    "SELECT cache_size FROM pg_sequences"
                        + " WHERE sequencename = pg_get_serial_sequence('audit_event', 'seq')"
                        + " OR schemaname || '.' || sequencename"
                        + " = pg_get_serial_sequence('audit_event', 'seq')")
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }
}
