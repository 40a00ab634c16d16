package io.rebound.incident;

import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Migration 120: on H2, the audit trail's sequence ({@code audit_event.seq}) reserves 1,000 numbers
 * at a time instead of 32. H2 writes the sequence's state in a commit of its own each time the
 * reserve runs out, and during an alert storm those extra commits were a tenth of the service's CPU
 * (two audit events per delivery). H2 keeps one reserve per database, so the order of events is
 * unchanged; a restart only skips the numbers left in the reserve. PostgreSQL is left as it is:
 * there a reserve is per connection, and events written by different connections would no longer be
 * numbered in the order they happened.
 */
@Component
class AuditSequenceCache implements JavaMigration {

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("120");
  }

  @Override
  public String getDescription() {
    return "audit sequence cache on H2";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    if (!context.getConnection().getMetaData().getDatabaseProductName().equals("H2")) {
      return;
    }
    try (Statement statement = context.getConnection().createStatement()) {
      statement.execute("ALTER TABLE audit_event ALTER COLUMN seq SET CACHE 1000");
    }
  }
}
