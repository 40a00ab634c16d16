package io.rebound.extract;

import io.rebound.failure.FailureFact;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Turns a raw webhook or API body into {@link FailureFact}s. The only parser of platform bodies:
 * the webhook endpoints and the what-if API both go through it.
 */
public interface FactExtractor {

  /**
   * @param source the webhook source name: azure-monitor, azure-monitor-alert, databricks, synapse,
   *     azure-functions, github, gitlab, jenkins, azure-devops, circleci, generic
   * @param body the parsed JSON body
   * @throws UnreadablePayloadException when the body is of no known shape; the message names what
   *     was missing
   */
  FailureFact extract(String source, JsonNode body);

  /**
   * Every failure the body reports: one per failing row of a log search table, one for any other
   * body. Never empty.
   *
   * @throws UnreadablePayloadException as {@link #extract}
   */
  default List<FailureFact> extractAll(String source, JsonNode body) {
    return List.of(extract(source, body));
  }
}
