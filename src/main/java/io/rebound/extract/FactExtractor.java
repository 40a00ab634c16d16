package io.rebound.extract;

import io.rebound.failure.FailureFact;
import tools.jackson.databind.JsonNode;

/**
 * Turns a raw webhook or API body into a {@link FailureFact}. The only parser of platform bodies:
 * the webhook endpoints and the what-if API both go through it.
 */
public interface FactExtractor {

  /**
   * @param source the webhook source name: azure-monitor, databricks, synapse, azure-functions,
   *     github, gitlab, jenkins, azure-devops, circleci, generic
   * @param body the parsed JSON body
   * @throws UnreadablePayloadException when the body is of no known shape; the message names what
   *     was missing
   */
  FailureFact extract(String source, JsonNode body);
}
