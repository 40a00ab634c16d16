package io.rebound.extract;

import io.rebound.failure.Environment;
import io.rebound.failure.ResourceIds;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Decides a fact's environment: what the body itself declares, else the first configured mapping
 * that names one of its resources (factory, workspace, repository, cluster, job, pipeline, in that
 * order), else the configured default.
 */
@Component
public class EnvironmentResolver {

  private final Map<String, Environment> mappings = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Environment defaultEnvironment;

  public EnvironmentResolver(EnvironmentProperties properties) {
    this.defaultEnvironment =
        EnvironmentProperties.environment(
            "rebound.environments.default", properties.defaultEnvironment());
    properties
        .mappings()
        .forEach(
            (name, value) ->
                mappings.put(
                    name.trim(),
                    EnvironmentProperties.environment(
                        "rebound.environments.mappings." + name, value)));
  }

  /**
   * @param declared what the body says ("prod", "staging"...), or null; an unreadable declaration
   *     is ignored in favour of the mappings
   * @param ids the resource's identifiers
   * @param workspaceHost the Databricks workspace host when the body gave it beside the id
   */
  public Environment resolve(String declared, ResourceIds ids, String workspaceHost) {
    Optional<Environment> fromBody = Environment.fromId(declared);
    if (fromBody.isPresent()) {
      return fromBody.get();
    }
    return Stream.of(
            ids.factory(),
            ids.workspace(),
            workspaceHost,
            ids.repository(),
            ids.clusterId(),
            ids.jobName(),
            ids.pipeline())
        .filter(name -> name != null)
        .map(name -> mappings.get(name.trim()))
        .filter(environment -> environment != null)
        .findFirst()
        .orElse(defaultEnvironment);
  }
}
