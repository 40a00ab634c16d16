package io.rebound.policy;

import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * A recorded history for replays: incidents in the real incident table, a mix of the failure kinds
 * the shipped tables classify, each with its own run id in the message (so the decision memo sees
 * what a real history gives it), first seen one second apart from 2026-11-01.
 */
final class RecordedFacts {

  static final List<FailureFact> KINDS =
      List.of(
          Facts.clusterTerminated("DRIVER_UNREACHABLE", "SERVICE_FAULT", Environment.PRODUCTION),
          Facts.clusterTerminated(
              "CLOUD_PROVIDER_LAUNCH_FAILURE", "CLOUD_FAILURE", Environment.STAGING),
          Facts.databricksMessage(
              "java.lang.OutOfMemoryError: Java heap space", Environment.PRODUCTION),
          Facts.jobRun(
              "RUN_EXECUTION_ERROR",
              "CLIENT_ERROR",
              "FAILED",
              "Notebook failed",
              Environment.DEVELOPMENT),
          Facts.jobRun(
              "DRIVER_ERROR", "CLOUD_FAILURE", "FAILED", "driver lost", Environment.PRODUCTION),
          Facts.libraryFailure("com.example:lib:1.0", Environment.PRODUCTION));

  private RecordedFacts() {}

  /** A replay of the recorded history through a candidate and the policy it would replace. */
  record Replayed(LoadedPolicy active, LoadedPolicy candidate, PolicyReplay.Report report) {}

  /**
   * Replays every incident of 2026 in {@code source} through the shipped policy (version 1) and a
   * candidate whose DatabricksDriverNotResponding backoff is 95 s (version 2), copied into dir.
   */
  static Replayed replayBackoffEdit(DataSource source, JsonMapper json, Path dir) {
    PolicyCopies.copyShipped(dir);
    PlaybookEdits.set(dir, "DatabricksDriverNotResponding", "Backoff (s)", "95");
    LoadedPolicy candidate = PolicyCompiler.compile(PolicyFiles.fromDirectory(dir));
    LoadedPolicy active = PolicyCompiler.compile(PolicyFiles.fromDirectory(ShippedPolicy.DIR));
    PolicyReplay.Report report =
        new PolicyReplay(source, new DataSourceTransactionManager(source), json)
            .replay(
                2,
                candidate,
                1,
                active,
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"));
    return new Replayed(active, candidate, report);
  }

  /** Inserts {@code count} incidents, KINDS in turn. */
  static void insert(JdbcClient jdbc, JsonMapper json, int count) {
    List<Object[]> batch = new ArrayList<>();
    OffsetDateTime seen = OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    for (int i = 0; i < count; i++) {
      FailureFact kind = KINDS.get(i % KINDS.size());
      FailureFact fact =
          new FailureFact(
              kind.source(),
              kind.environment(),
              kind.resourceKind(),
              kind.outcome(),
              kind.resource(),
              kind.codes(),
              kind.errorMessage() + " (run " + i + ")",
              kind.failureType(),
              kind.occurredAt(),
              kind.attributes());
      batch.add(
          new Object[] {
            UUID.randomUUID(),
            "fp-" + i,
            kind.source().name(),
            kind.environment().id(),
            "resource-" + i,
            "OPEN",
            json.writeValueAsString(fact),
            seen.plusSeconds(i),
            seen.plusSeconds(i)
          });
      if (batch.size() == 5_000) {
        write(jdbc, batch);
      }
    }
    write(jdbc, batch);
  }

  private static void write(JdbcClient jdbc, List<Object[]> batch) {
    for (Object[] r : batch) {
      jdbc.sql(
              """
              INSERT INTO incident (id, fingerprint, source, environment, resource, status, fact,
                                    occurrences, first_seen, last_seen, version)
              VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 0)""")
          .params(r)
          .update();
    }
    batch.clear();
  }
}
