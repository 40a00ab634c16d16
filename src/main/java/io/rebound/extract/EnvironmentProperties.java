package io.rebound.extract;

import io.rebound.failure.Environment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Which environment a failing resource belongs to ({@code rebound.environments.*}). Values accept
 * the {@link Environment#fromId} spellings (production, prod, staging, dev...). A value Rebound
 * cannot read stops the application at startup rather than quietly mapping to the wrong gates.
 *
 * @param defaultEnvironment {@code rebound.environments.default}: for a resource no mapping names;
 *     production unless set, so an unknown resource gets the strictest gates
 * @param mappings {@code rebound.environments.mappings}: resource name (factory, workspace id or
 *     host, repository, cluster id, job name, pipeline name) → environment, case-insensitive
 */
@ConfigurationProperties("rebound.environments")
public record EnvironmentProperties(
    @Name("default") @DefaultValue("production") String defaultEnvironment,
    Map<String, String> mappings) {

  public EnvironmentProperties {
    defaultEnvironment = defaultEnvironment == null ? "production" : defaultEnvironment;
    environment("rebound.environments.default", defaultEnvironment);
    mappings = mappings == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(mappings));
    mappings.forEach((name, value) -> environment("rebound.environments.mappings." + name, value));
  }

  /** Everything is production: the safe side, for tests and tools without configuration. */
  public static EnvironmentProperties allProduction() {
    return new EnvironmentProperties("production", Map.of());
  }

  static Environment environment(String property, String value) {
    return Environment.fromId(value)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    property
                        + " = '"
                        + value
                        + "' is not an environment; use production, staging or development"));
  }
}
