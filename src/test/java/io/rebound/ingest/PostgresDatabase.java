package io.rebound.ingest;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test context at a real PostgreSQL: one embedded server per JVM (started on first use,
 * stopped at exit), a fresh database per application context so test classes never see each other's
 * rows.
 */
class PostgresDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(PostgresDatabase::stop));
    }
    return server;
  }

  /** A new empty database on the shared server; returns its JDBC URL. */
  static String newDatabase() {
    String name = "rebound_test_" + DATABASES.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + name, e);
    }
    return server().getJdbcUrl("postgres", name);
  }

  private static synchronized void stop() {
    try {
      server.close();
    } catch (IOException e) {
      // the JVM is exiting; nothing left to clean up for
    }
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of(
            "spring.datasource.url=" + newDatabase(),
            "spring.datasource.username=postgres",
            "spring.datasource.password=")
        .applyTo(context);
  }
}
