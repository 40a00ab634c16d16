package io.rebound.policy;

import io.rebound.extract.FactExtractor;
import io.rebound.extract.UnreadablePayloadException;
import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * "What would you do with this alert?" Runs the same extractor and policy as a real delivery and
 * stops there: nothing is stored, nothing is executed.
 */
@RestController
@RequestMapping("/api/decisions")
class WhatIfController {

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
      throw new BadWhatIfRequest(
          "The request must be a JSON object: {\"source\": ..., \"payload\": {...}} or"
              + " {\"fact\": {...}}.");
    }
    boolean hasFact = body.has("fact");
    boolean hasPayload = body.has("payload");
    if (hasFact == hasPayload) {
      throw new BadWhatIfRequest(
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
      throw new BadWhatIfRequest(
          "Missing \"source\": say where the payload comes from (azure-monitor, databricks,"
              + " synapse, azure-functions, github, gitlab, jenkins, azure-devops, circleci,"
              + " generic).");
    }
    JsonNode payload = body.get("payload");
    if (!payload.isObject()) {
      throw new BadWhatIfRequest("\"payload\" must be the raw alert body as a JSON object.");
    }
    return extractor.extract(source.asString(), payload);
  }

  private FailureFact readFact(JsonNode factNode) {
    if (!factNode.isObject()) {
      throw new BadWhatIfRequest("\"fact\" must be a JSON object.");
    }
    for (String required : new String[] {"source", "environment"}) {
      if (!factNode.hasNonNull(required)) {
        throw new BadWhatIfRequest("\"fact." + required + "\" is required.");
      }
    }
    try {
      return json.treeToValue(factNode, FailureFact.class);
    } catch (DatabindException e) {
      throw new BadWhatIfRequest(describe("fact", e));
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
                new BadWhatIfRequest(
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
    return "\"" + where + "\" has a value that cannot be read: " + e.getOriginalMessage();
  }

  @ExceptionHandler(BadWhatIfRequest.class)
  ResponseEntity<Map<String, String>> badRequest(BadWhatIfRequest e) {
    return error(HttpStatus.BAD_REQUEST, "Bad what-if request", e.getMessage());
  }

  @ExceptionHandler(UnreadablePayloadException.class)
  ResponseEntity<Map<String, String>> unreadable(UnreadablePayloadException e) {
    return error(HttpStatus.UNPROCESSABLE_CONTENT, "Payload not understood", e.getMessage());
  }

  @ExceptionHandler({HttpMessageNotReadableException.class, JacksonException.class})
  ResponseEntity<Map<String, String>> notJson(Exception e) {
    return error(
        HttpStatus.BAD_REQUEST,
        "Body is not valid JSON",
        "The request body must be a JSON object: {\"source\": ..., \"payload\": {...}} or"
            + " {\"fact\": {...}}.");
  }

  private static ResponseEntity<Map<String, String>> error(
      HttpStatus status, String error, String detail) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("detail", detail);
    return ResponseEntity.status(status).body(body);
  }

  private static final class BadWhatIfRequest extends RuntimeException {
    BadWhatIfRequest(String message) {
      super(message);
    }
  }
}
