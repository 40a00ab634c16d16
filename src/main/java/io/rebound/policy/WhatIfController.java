package io.rebound.policy;

import io.rebound.extract.DefaultFactExtractor;
import io.rebound.extract.FactReader;
import io.rebound.failure.Environment;
import io.rebound.failure.FailureFact;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
 * "What would you do with this alert?" Runs the same fact reader (extract, then read-only
 * Databricks enrichment) and policy as a real delivery and stops there: nothing is stored, nothing
 * is executed. The answer says whether the platform was asked for the run's details, so nobody
 * mistakes a decision on ids alone for the real one. Errors are ResponseStatusExceptions with a
 * message for people; the API's error advice renders them as {"error", "detail"} like every other
 * endpoint's.
 */
@RestController
@RequestMapping("/api/decisions")
class WhatIfController {

  private static final Pattern JAVA_NAME =
      Pattern.compile("`(?:[a-z][\\w]*\\.)+(?:[A-Z]\\w*\\$)?([A-Z]\\w*)`");

  /**
   * The decision on one fact, and whether the platform filled it in.
   *
   * @param enriched true when Databricks answered for what the body left out
   * @param enrichment which reads were made, or why none was
   * @param otherRows the decisions on the other failing rows of a log search alert (one incident
   *     each on the real path)
   */
  record Answer(
      FailureFact fact,
      Decision decision,
      List<ExplanationEntry> explanation,
      String policyVersion,
      StateFacts state,
      boolean enriched,
      String enrichment,
      List<Answer> otherRows) {}

  private static final FactReader.Enrichment GIVEN_FACT =
      new FactReader.Enrichment(false, "not needed: a fact was given, not a platform body");

  private final FactReader reader;
  private final DecisionService decisions;
  private final StateGatherer state;
  // the webhook sources, read once: the extractor builds a sorted list on every call
  private final List<String> sourceNames;
  private final Set<String> sources;
  private final ObjectMapper json;

  WhatIfController(
      FactReader reader,
      DefaultFactExtractor extractor,
      DecisionService decisions,
      StateGatherer state,
      ObjectMapper json) {
    this.reader = reader;
    this.decisions = decisions;
    this.state = state;
    this.sourceNames = List.copyOf(extractor.sources());
    this.sources = Set.copyOf(sourceNames);
    this.json = json;
  }

  @PostMapping("/evaluate")
  Answer evaluate(@RequestBody JsonNode body) {
    List<FactReader.Reading> readings = readingsFrom(body);
    StateOverrides overrides = stateOverrides(body);
    List<Answer> answers =
        readings.stream()
            .map(
                r -> {
                  // the same state a delivery of this body would be decided with, unless the
                  // request says otherwise
                  ResourceState gathered = state.gather(r.fact()).withOverrides(overrides);
                  Evaluation e = decisions.evaluate(r.fact(), gathered);
                  return new Answer(
                      e.fact(),
                      e.decision(),
                      e.explanation(),
                      e.policyVersion(),
                      e.state(),
                      r.enrichment().enriched(),
                      r.enrichment().detail(),
                      List.of());
                })
            .toList();
    Answer first = answers.get(0);
    return new Answer(
        first.fact(),
        first.decision(),
        first.explanation(),
        first.policyVersion(),
        first.state(),
        first.enriched(),
        first.enrichment(),
        answers.subList(1, answers.size()));
  }

  private static StateOverrides stateOverrides(JsonNode body) {
    try {
      return StateOverridesReader.read(body.get("state"));
    } catch (StateOverridesReader.BadState e) {
      throw badRequest(e.getMessage());
    }
  }

  private List<FactReader.Reading> readingsFrom(JsonNode body) {
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
    JsonNode environment = body.get("environment");
    if (hasFact) {
      return List.of(
          new FactReader.Reading(
              withEnvironmentOverride(readFact(body.get("fact")), environment), GIVEN_FACT));
    }
    // The override applies before enrichment, as the environment a delivery resolves to would.
    return extractPayload(body).stream()
        .map(fact -> reader.enrich(withEnvironmentOverride(fact, environment)))
        .toList();
  }

  private List<FailureFact> extractPayload(JsonNode body) {
    JsonNode source = body.get("source");
    if (source == null || !source.isString() || source.asString().isBlank()) {
      throw badRequest(
          "Missing \"source\": say where the payload comes from (azure-monitor, databricks,"
              + " synapse, azure-functions, github, gitlab, jenkins, azure-devops, circleci,"
              + " generic).");
    }
    if (!sources.contains(source.asString().trim().toLowerCase(java.util.Locale.ROOT))) {
      throw badRequest(
          "\"source\" '"
              + source.asString()
              + "' is not a webhook Rebound has; use one of "
              + String.join(", ", sourceNames)
              + ".");
    }
    JsonNode payload = body.get("payload");
    if (!payload.isObject()) {
      throw badRequest("\"payload\" must be the raw alert body as a JSON object.");
    }
    // A body Rebound cannot read is decided as the webhook would decide it: an UnrecognisedAlert
    // a human looks at, never an error the caller must interpret.
    return reader.extract(source.asString(), payload);
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
