package io.rebound.extract;

import io.rebound.failure.Environment;
import io.rebound.failure.ErrorCodes;
import io.rebound.failure.FailureFact;
import io.rebound.failure.FailureType;
import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceIds;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects what a reader found in a body; the extractor then resolves the environment and builds
 * the immutable {@link FailureFact}. Setters ignore null so readers can pass optional reads
 * straight through; a later non-null value replaces an earlier one.
 */
final class FactBuilder {

  private final Source source;
  private ResourceKind kind;
  private Outcome outcome;
  private String message;
  private FailureType failureType;
  private Instant occurredAt;
  private String declaredEnvironment;
  private Integer httpStatus;
  private final Map<String, String> ids = new HashMap<>();
  private final Map<String, String> codes = new HashMap<>();
  private final Map<String, String> attributes = new LinkedHashMap<>();

  FactBuilder(Source source) {
    this.source = source;
  }

  Source source() {
    return source;
  }

  FactBuilder kind(ResourceKind value) {
    if (value != null) {
      kind = value;
    }
    return this;
  }

  Outcome outcome() {
    return outcome;
  }

  FactBuilder outcome(Outcome value) {
    if (value != null) {
      outcome = value;
    }
    return this;
  }

  /** Sets the message to the first non-blank candidate: pass the most specific field first. */
  FactBuilder message(String... mostSpecificFirst) {
    String chosen = Json.first(mostSpecificFirst);
    if (chosen != null) {
      message = chosen;
    }
    return this;
  }

  String message() {
    return message;
  }

  FactBuilder failureType(FailureType value) {
    if (value != null && value != FailureType.UNKNOWN) {
      failureType = value;
    }
    return this;
  }

  FactBuilder occurredAt(Instant value) {
    if (value != null) {
      occurredAt = value;
    }
    return this;
  }

  /** An environment the body itself names (custom property, cluster tag, generic field). */
  FactBuilder declaredEnvironment(String value) {
    if (value != null && !value.isBlank()) {
      declaredEnvironment = value;
    }
    return this;
  }

  String declaredEnvironment() {
    return declaredEnvironment;
  }

  FactBuilder attribute(String key, String value) {
    if (value != null && !value.isBlank()) {
      attributes.put(key, value);
    }
    return this;
  }

  FactBuilder attributes(Map<String, String> values) {
    values.forEach(this::attribute);
    return this;
  }

  String attribute(String key) {
    return attributes.get(key);
  }

  // Resource ids, named as in ResourceIds.

  FactBuilder alertId(String v) {
    return id("alertId", v);
  }

  FactBuilder alertRule(String v) {
    return id("alertRule", v);
  }

  FactBuilder azureResourceId(String v) {
    return id("azureResourceId", v);
  }

  FactBuilder factory(String v) {
    return id("factory", v);
  }

  FactBuilder pipeline(String v) {
    return id("pipeline", v);
  }

  FactBuilder pipelineRunId(String v) {
    return id("pipelineRunId", v);
  }

  FactBuilder activity(String v) {
    return id("activity", v);
  }

  FactBuilder activityType(String v) {
    return id("activityType", v);
  }

  FactBuilder workspace(String v) {
    return id("workspace", v);
  }

  FactBuilder jobId(String v) {
    return id("jobId", v);
  }

  FactBuilder jobName(String v) {
    return id("jobName", v);
  }

  FactBuilder runId(String v) {
    return id("runId", v);
  }

  FactBuilder parentRunId(String v) {
    return id("parentRunId", v);
  }

  FactBuilder taskKey(String v) {
    return id("taskKey", v);
  }

  FactBuilder clusterId(String v) {
    return id("clusterId", v);
  }

  FactBuilder library(String v) {
    return id("library", v);
  }

  FactBuilder repository(String v) {
    return id("repository", v);
  }

  FactBuilder workflowRunId(String v) {
    return id("workflowRunId", v);
  }

  FactBuilder branch(String v) {
    return id("branch", v);
  }

  /** Sets a resource id by its ResourceIds component name (used by the generic reader). */
  FactBuilder id(String name, String value) {
    if (value != null && !value.isBlank()) {
      ids.put(name, value);
    }
    return this;
  }

  String id(String name) {
    return ids.get(name);
  }

  // Error codes, named as in ErrorCodes.

  FactBuilder activityCode(String v) {
    return code("activityCode", v);
  }

  FactBuilder connectorCode(String v) {
    return code("connectorCode", v);
  }

  FactBuilder terminationCode(String v) {
    return code("terminationCode", v);
  }

  FactBuilder terminationType(String v) {
    return code("terminationType", v);
  }

  FactBuilder runTerminationCode(String v) {
    return code("runTerminationCode", v);
  }

  FactBuilder runTerminationType(String v) {
    return code("runTerminationType", v);
  }

  FactBuilder lifeCycleState(String v) {
    return code("lifeCycleState", v);
  }

  FactBuilder resultState(String v) {
    return code("resultState", v);
  }

  FactBuilder platformCode(String v) {
    return code("platformCode", v);
  }

  FactBuilder httpStatus(Integer v) {
    if (v != null) {
      httpStatus = v;
    }
    return this;
  }

  /** Sets an error code by its ErrorCodes component name (used by the generic reader). */
  FactBuilder code(String name, String value) {
    if (value != null && !value.isBlank()) {
      codes.put(name, value);
    }
    return this;
  }

  String code(String name) {
    return codes.get(name);
  }

  /** Removes a code a more specific one supersedes (see EmbeddedCodes). */
  FactBuilder clearCode(String name) {
    codes.remove(name);
    return this;
  }

  ResourceIds resourceIds() {
    return new ResourceIds(
        ids.get("alertId"),
        ids.get("alertRule"),
        ids.get("azureResourceId"),
        ids.get("factory"),
        ids.get("pipeline"),
        ids.get("pipelineRunId"),
        ids.get("activity"),
        ids.get("activityType"),
        ids.get("workspace"),
        ids.get("jobId"),
        ids.get("jobName"),
        ids.get("runId"),
        ids.get("parentRunId"),
        ids.get("taskKey"),
        ids.get("clusterId"),
        ids.get("library"),
        ids.get("repository"),
        ids.get("workflowRunId"),
        ids.get("branch"));
  }

  private ErrorCodes errorCodes() {
    return new ErrorCodes(
        codes.get("activityCode"),
        codes.get("connectorCode"),
        codes.get("terminationCode"),
        codes.get("terminationType"),
        codes.get("runTerminationCode"),
        codes.get("runTerminationType"),
        codes.get("lifeCycleState"),
        codes.get("resultState"),
        httpStatus,
        codes.get("platformCode"));
  }

  FailureFact build(Environment environment) {
    return new FailureFact(
        source,
        environment,
        kind,
        outcome,
        resourceIds(),
        errorCodes(),
        message,
        failureType,
        occurredAt,
        attributes);
  }
}
