package io.rebound.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * At first start H2 creates its database file only when the schema is migrated, after {@link
 * DataFolderEnvironmentPostProcessor} ran; the umask would leave it world-readable (the folder
 * already keeps others out). Tightened here once the application has started.
 */
@Component
class DataFilesStartupCheck {

  private static final Logger log = LoggerFactory.getLogger(DataFilesStartupCheck.class);

  private final ConfigurableEnvironment environment;

  DataFilesStartupCheck(ConfigurableEnvironment environment) {
    this.environment = environment;
  }

  @EventListener(ApplicationStartedEvent.class)
  void tightenDatabaseFiles() {
    Optional<Path> database =
        OwnerOnlyFiles.h2Database(DataFolderEnvironmentPostProcessor.databaseUrl(environment));
    if (database.isEmpty()) {
      return;
    }
    try {
      OwnerOnlyFiles.databaseFiles(database.get());
    } catch (IOException | UnsupportedOperationException e) {
      log.warn(
          "Could not make the database files {}.* readable by the service's user only ({})",
          database.get().toAbsolutePath(),
          e.getMessage());
    }
  }
}
