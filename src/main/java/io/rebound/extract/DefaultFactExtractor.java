package io.rebound.extract;

import io.rebound.failure.FailureFact;
import io.rebound.failure.Source;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Picks the readers for the webhook source, lets the first that recognises the body read it, and
 * resolves the environment. Stateless and thread-safe.
 */
@Component
public class DefaultFactExtractor implements FactExtractor {

  private record SourceReaders(String expected, List<BodyReader> readers) {}

  private final EnvironmentResolver environments;
  private final Map<String, SourceReaders> bySource;

  /** Reads only the field names Rebound knows itself (tests, tools). */
  public DefaultFactExtractor(EnvironmentResolver environments) {
    this(environments, FieldNames.NONE);
  }

  /**
   * @param names what the columns and properties rule authors named mean (the classification
   *     workbook's "Field names" sheet)
   */
  public DefaultFactExtractor(EnvironmentResolver environments, FieldNames names) {
    this(environments, new FieldNamesInForce(names));
  }

  /**
   * @param names the field names in force, read again for every body: a promoted policy version
   *     changes them without a restart
   */
  @Autowired
  public DefaultFactExtractor(EnvironmentResolver environments, FieldNamesInForce names) {
    this.environments = environments;
    DatabricksRunReader runs = new DatabricksRunReader();
    // The prior tool's users post Databricks bodies to /azure-monitor and ADF alerts to
    // /databricks-monitor alike, so both sources try both families, their own first.
    List<BodyReader> azure =
        List.of(
            new AzureMonitorAlertReader(null, names), new AdfRunReader(Source.AZURE_DATA_FACTORY));
    List<BodyReader> databricks =
        List.of(
            new DatabricksLibraryEventReader(),
            new DatabricksJobEventReader(),
            new DatabricksClusterReader(),
            new DatabricksLibraryStatusReader(),
            new DatabricksClusterEventsReader(),
            new DatabricksRunOutputReader(runs),
            runs,
            new DatabricksFlatJobReader());
    String azureExpected =
        "an Azure Monitor alert in the common alert schema ({\"schemaId\", \"data\": {\"essentials\","
            + " \"alertContext\"}}) or an ADF pipeline-run / queryPipelineRuns / queryActivityruns"
            + " response";
    String databricksExpected =
        "a Databricks job notification (event_type jobs.on_failure...), a runs/get, runs/get-output,"
            + " clusters/get, clusters/events or libraries/cluster-status response";
    SourceReaders azureMonitor = new SourceReaders(azureExpected, concat(azure, databricks));
    this.bySource =
        Map.ofEntries(
            Map.entry("azure-monitor", azureMonitor),
            Map.entry("azure-monitor-alert", azureMonitor),
            Map.entry("azure-data-factory", azureMonitor),
            Map.entry(
                "databricks", new SourceReaders(databricksExpected, concat(databricks, azure))),
            Map.entry("synapse", fixedAzure(Source.SYNAPSE, names)),
            Map.entry("azure-functions", fixedAzure(Source.AZURE_FUNCTIONS, names)),
            Map.entry(
                "github",
                new SourceReaders(
                    "a GitHub workflow_run or workflow_job webhook", List.of(new GitHubReader()))),
            Map.entry(
                "gitlab",
                new SourceReaders(
                    "a GitLab pipeline hook (object_kind \"pipeline\")",
                    List.of(new GitLabReader()))),
            Map.entry(
                "jenkins",
                new SourceReaders(
                    "a Jenkins Notification Plugin body ({\"name\", \"build\": {...}})",
                    List.of(new JenkinsReader()))),
            Map.entry(
                "azure-devops",
                new SourceReaders(
                    "an Azure DevOps service hook (build.complete or"
                        + " ms.vss-pipelines.run-state-changed-event)",
                    List.of(new AzureDevOpsReader()))),
            Map.entry(
                "circleci",
                new SourceReaders(
                    "a CircleCI workflow-completed or job-completed webhook",
                    List.of(new CircleCiReader()))),
            Map.entry(
                "generic",
                new SourceReaders(
                    "the generic webhook shape (docs/generic-webhook.md)",
                    List.of(new GenericReader()))));
  }

  private static SourceReaders fixedAzure(Source source, Supplier<FieldNames> names) {
    return new SourceReaders(
        "an Azure Monitor alert in the common alert schema about a " + source.id() + " resource",
        List.of(new AzureMonitorAlertReader(source, names), new AdfRunReader(source)));
  }

  private static List<BodyReader> concat(List<BodyReader> first, List<BodyReader> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }

  /** The webhook source names this extractor accepts, for endpoints and error messages. */
  public List<String> sources() {
    return bySource.keySet().stream().sorted().toList();
  }

  @Override
  public FailureFact extract(String source, JsonNode body) {
    return extractAll(source, body).get(0);
  }

  @Override
  public List<FailureFact> extractAll(String source, JsonNode body) {
    SourceReaders readers =
        source == null ? null : bySource.get(source.trim().toLowerCase(Locale.ROOT));
    if (readers == null) {
      throw new UnreadablePayloadException(
          "Unknown webhook source '"
              + source
              + "'; accepted sources: "
              + String.join(", ", sources()));
    }
    if (body == null || !body.isObject()) {
      throw new UnreadablePayloadException(
          "Expected a JSON object from "
              + source
              + ", got "
              + (body == null ? "nothing" : body.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    List<FactBuilder> facts =
        readers.readers().stream()
            .filter(reader -> reader.recognises(body))
            .findFirst()
            .orElseThrow(() -> unknownShape(source, readers, body))
            .readAll(body);
    return facts.stream()
        .map(EmbeddedCodes::apply)
        .map(
            fact ->
                fact.build(
                    environments.resolve(
                        fact.declaredEnvironment(),
                        fact.resourceIds(),
                        fact.attribute("workspaceHost"))))
        .toList();
  }

  private static UnreadablePayloadException unknownShape(
      String source, SourceReaders readers, JsonNode body) {
    String members = Json.memberNames(body);
    return new UnreadablePayloadException(
        "Body posted to '"
            + source
            + "' is of no known shape: expected "
            + readers.expected()
            + "; got an object with "
            + (members.isEmpty() ? "no fields" : "fields [" + members + "]"));
  }
}
