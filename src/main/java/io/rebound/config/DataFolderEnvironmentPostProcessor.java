package io.rebound.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Runs once at startup, before H2 opens (or creates) its files: the embedded database's folder is
 * created owner-only (0700), or made so, and its existing files 0600, so every alert body stored
 * there is readable by the service's user alone. Files H2 creates later sit in that folder and are
 * tightened once the application has started ({@link DataFilesStartupCheck}). Ordered before the
 * generated secrets, which live in the same folder by default.
 */
class DataFolderEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  private final Log log;

  DataFolderEnvironmentPostProcessor(DeferredLogFactory logFactory) {
    this.log = logFactory.getLog(DataFolderEnvironmentPostProcessor.class);
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Optional<Path> database = OwnerOnlyFiles.h2Database(databaseUrl(environment));
    if (database.isEmpty()) {
      return; // PostgreSQL or an in-memory H2: nothing of ours on this disk
    }
    Path folder = database.get().toAbsolutePath().getParent();
    try {
      OwnerOnlyFiles.folder(folder);
      OwnerOnlyFiles.databaseFiles(database.get());
    } catch (IOException | UnsupportedOperationException e) {
      log.warn(
          "Could not make the data folder "
              + folder
              + " readable by the service's user only ("
              + e.getMessage()
              + "); check its owner and permissions");
    }
  }

  static String databaseUrl(ConfigurableEnvironment environment) {
    return environment.getProperty("spring.datasource.url");
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE - 1;
  }
}
