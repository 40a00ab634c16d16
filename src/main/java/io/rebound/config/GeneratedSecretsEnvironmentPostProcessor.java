package io.rebound.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs before any bean reads configuration: every secret not configured gets a generated value from
 * {@link GeneratedSecrets}, added only for keys that are blank or absent (so it never hides a
 * configured value). Only the file's path is logged, never a secret.
 */
class GeneratedSecretsEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final String FILE_PROPERTY = "rebound.security.generated-secrets-file";
  static final String DEFAULT_FILE = "./data/generated-secrets.properties";

  private final Log log;

  GeneratedSecretsEnvironmentPostProcessor(DeferredLogFactory logFactory) {
    this.log = logFactory.getLog(GeneratedSecretsEnvironmentPostProcessor.class);
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Path file = Path.of(environment.getProperty(FILE_PROPERTY, DEFAULT_FILE));
    Map<String, String> generated;
    try {
      generated =
          new GeneratedSecrets(file)
              .fillMissing(key -> !environment.getProperty(key, "").isBlank());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read or write the generated secrets file " + file.toAbsolutePath(), e);
    }
    if (generated.isEmpty()) {
      return;
    }
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource("rebound-generated-secrets", new LinkedHashMap<>(generated)));
    log.warn(
        generated.size()
            + " secret(s) were not configured; Rebound uses generated ones stored in "
            + file.toAbsolutePath()
            + " (readable by the service's user only). Configure them to replace these.");
  }
}
