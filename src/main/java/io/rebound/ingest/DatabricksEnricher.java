package io.rebound.ingest;

import io.rebound.connector.DatabricksReads;
import io.rebound.extract.FactExtractor;
import io.rebound.extract.UnreadablePayloadException;
import io.rebound.failure.ErrorCodes;
import io.rebound.failure.FailureFact;
import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceIds;
import io.rebound.failure.Source;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Databricks job notifications carry only ids. This reads the run ({@code runs/get}) and the failed
 * task's output ({@code runs/get-output}) and lets the same extractor read the real error from
 * them. Runs on a worker thread, never on a request thread. If Databricks cannot be reached the
 * incident is still opened from what the notification said, and the fact says why it is thin.
 */
@Component
class DatabricksEnricher {

  private static final Logger log = LoggerFactory.getLogger(DatabricksEnricher.class);

  private final ObjectProvider<DatabricksReads> reads;
  private final FactExtractor extractor;
  private final ObjectMapper json;

  DatabricksEnricher(
      ObjectProvider<DatabricksReads> reads, FactExtractor extractor, ObjectMapper json) {
    this.reads = reads;
    this.extractor = extractor;
    this.json = json;
  }

  FailureFact enrich(FailureFact fact) {
    ResourceIds r = fact.resource();
    String runId = r.parentRunId() != null ? r.parentRunId() : r.runId();
    if (fact.source() != Source.DATABRICKS
        || fact.outcome() != Outcome.FAILED
        || runId == null
        || !fact.errorMessage().isBlank()) {
      return fact;
    }
    DatabricksReads api = reads.getIfAvailable();
    if (api == null) {
      return fact;
    }
    try {
      JsonNode run = json.readTree(api.getRun(runId));
      FailureFact fromRun = extractor.extract("databricks", run);
      FailureFact merged = merge(fact, fromRun);
      String failedTaskRunId = failedTaskRunId(run, r.runId());
      if (failedTaskRunId != null) {
        JsonNode output = json.readTree(api.getRunOutput(failedTaskRunId));
        try {
          merged = merge(merged, extractor.extract("databricks", output));
        } catch (UnreadablePayloadException e) {
          // the run already told us what failed; the output only adds the stack's last line
        }
      }
      return withAttribute(
          merged, "enrichment", "runs/get" + (failedTaskRunId == null ? "" : "+runs/get-output"));
    } catch (RuntimeException e) {
      log.warn(
          "Could not read Databricks run {} to enrich the notification: {}", runId, e.toString());
      return withAttribute(fact, "enrichment", "failed: " + e.getMessage());
    }
  }

  /** The task run that failed: the notified task itself, or the first FAILED task of the run. */
  private static String failedTaskRunId(JsonNode run, String notifiedRunId) {
    JsonNode tasks = run.path("tasks");
    String firstFailed = null;
    for (JsonNode task : tasks) {
      String taskRunId = task.path("run_id").asString(null);
      String result = task.path("state").path("result_state").asString("");
      if (taskRunId != null && taskRunId.equals(notifiedRunId)) {
        return taskRunId;
      }
      if (firstFailed == null && (result.equals("FAILED") || result.equals("TIMEDOUT"))) {
        firstFailed = taskRunId;
      }
    }
    if (firstFailed != null) {
      return firstFailed;
    }
    return tasks.isEmpty() ? run.path("run_id").asString(null) : null;
  }

  /** The notification's fact, with every blank filled from the richer one. */
  static FailureFact merge(FailureFact base, FailureFact richer) {
    Map<String, String> attributes = new HashMap<>(richer.attributes());
    attributes.putAll(base.attributes());
    Outcome outcome =
        base.outcome() == Outcome.UNKNOWN
                || base.outcome() == Outcome.FAILED && richer.outcome() == Outcome.TERMINATED
            ? richer.outcome()
            : base.outcome();
    return new FailureFact(
        base.source(),
        base.environment(),
        richer.resourceKind() != null
                && base.resourceKind() == io.rebound.failure.ResourceKind.OTHER
            ? richer.resourceKind()
            : base.resourceKind(),
        outcome,
        fill(base.resource(), richer.resource(), ResourceIds.class),
        fill(base.codes(), richer.codes(), ErrorCodes.class),
        richer.errorMessage().isBlank() ? base.errorMessage() : richer.errorMessage(),
        base.failureType() == io.rebound.failure.FailureType.UNKNOWN
            ? richer.failureType()
            : base.failureType(),
        base.occurredAt() != null ? base.occurredAt() : richer.occurredAt(),
        attributes);
  }

  /** Field by field: the base value where it has one, else the richer one. */
  private static <T extends Record> T fill(T base, T richer, Class<T> type) {
    try {
      RecordComponent[] components = type.getRecordComponents();
      Object[] values = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        Object a = components[i].getAccessor().invoke(base);
        Object b = components[i].getAccessor().invoke(richer);
        values[i] = a != null ? a : b;
        types[i] = components[i].getType();
      }
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot merge " + type.getSimpleName(), e);
    }
  }

  private static FailureFact withAttribute(FailureFact fact, String key, String value) {
    Map<String, String> attributes = new HashMap<>(fact.attributes());
    attributes.put(key, value);
    return new FailureFact(
        fact.source(),
        fact.environment(),
        fact.resourceKind(),
        fact.outcome(),
        fact.resource(),
        fact.codes(),
        fact.errorMessage(),
        fact.failureType(),
        fact.occurredAt(),
        attributes);
  }
}
