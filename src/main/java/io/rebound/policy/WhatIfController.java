package io.rebound.policy;

import io.rebound.extract.FactExtractor;
import io.rebound.extract.UnreadablePayloadException;
import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * "What would you do with this alert?" Runs the same extractor and policy as a real delivery and
 * stops there: nothing is stored, nothing is executed. Errors are ResponseStatusExceptions with a
 * message for people; the API's error advice renders them as {"error", "detail"} like every other
 * endpoint's.
 */
@RestController
@RequestMapping("/api/decisions")
class WhatIfController {

  private static final Pattern JAVA_NAME =
      Pattern.compile("`(?:[a-z][\\w]*\\.)+(?:[A-Z]\\w*\\$)?([A-Z]\\w*)`");

  private final FactExtractor extractor;
  private final DecisionService decisions;
  private final ObjectMapper json;

  WhatIfController(FactExtractor extractor, DecisionService decisions, ObjectMapper json) {
    this.extractor = extractor;
    this.decisions = decisions;
    this.json = json;
  }

  @PostMapping("/evaluate")
  Evaluation evaluate(@RequestBody JsonNode body) {
    return decisions.evaluate(factFrom(body));
  }

  private FailureFact factFrom(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw badRequest(
          "The request must be a JSON object: {\"source\": ..., \"payload\": {...}} or"
              + " {\"fact\": {...}}.");
    }
    boolean hasFact = body.has("fact");
    boolean hasPayload = body.has("payload");
    if (hasFact == hasPayload) {
      throw badRequest(
          hasFact
              ? "Send either \"fact\" or \"source\" + \"payload\", not both."
              : "Missing \"payload\" (the raw alert body, with \"source\") or \"fact\" (a"
                  + " failure fact).");
    }
    FailureFact fact = hasFact ? readFact(body.get("fact")) : extractPayload(body);
    return withEnvironmentOverride(fact, body.get("environment"));
  }

  private FailureFact extractPayload(JsonNode body) {
    JsonNode source = body.get("source");
    if (source == null || !source.isString() || source.asString().isBlank()) {
      throw badRequest(
          "Missing \"source\": say where the payload comes from (azure-monitor, databricks,"
              + " synapse, azure-functions, github, gitlab, jenkins, azure-devops, circleci,"
              + " generic).");
    }
    JsonNode payload = body.get("payload");
    if (!payload.isObject()) {
      throw badRequest("\"payload\" must be the raw alert body as a JSON object.");
    }
    try {
      return extractor.extract(source.asString(), payload);
    } catch (UnreadablePayloadException e) {
      throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    }
  }

  private FailureFact readFact(JsonNode factNode) {
    if (!factNode.isObject()) {
      throw badRequest("\"fact\" must be a JSON object.");
    }
    for (String required : new String[] {"source", "environment"}) {
      if (!factNode.hasNonNull(required)) {
        throw badRequest("\"fact." + required + "\" is required.");
      }
    }
    try {
      return json.treeToValue(factNode, FailureFact.class);
    } catch (DatabindException e) {
      throw badRequest(describe("fact", e));
    }
  }

  private static FailureFact withEnvironmentOverride(FailureFact fact, JsonNode environment) {
    if (environment == null || environment.isNull()) {
      return fact;
    }
    return Environment.fromId(environment.asString())
        .map(fact::withEnvironment)
        .orElseThrow(
            () ->
                badRequest(
                    "\"environment\" must be one of "
                        + Arrays.stream(Environment.values())
                            .map(Environment::id)
                            .collect(Collectors.joining(", "))
                        + "; got '"
                        + environment.asString()
                        + "'."));
  }

  /** Names the field that could not be read, without Java class names. */
  private static String describe(String root, DatabindException e) {
    String path =
        e.getPath().stream()
            .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."));
    String where = path.isEmpty() ? root : root + "." + path;
    return "\"" + where + "\" has a value that cannot be read: " + withoutJavaNames(e);
  }

  /** Jackson names target types as `io.rebound.failure.Environment`; people need "Environment". */
  private static String withoutJavaNames(DatabindException e) {
    String message = e.getOriginalMessage();
    return message == null
        ? "not a valid value"
        : JAVA_NAME.matcher(message).replaceAll(m -> m.group(1));
  }

  private static ResponseStatusException badRequest(String detail) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
  }
}
