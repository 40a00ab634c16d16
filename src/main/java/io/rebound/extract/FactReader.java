package io.rebound.extract;

import io.rebound.failure.FailureFact;
import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceIds;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one fact pipeline: read a body, then fill in from Databricks what a notification carrying
 * only ids leaves out. The webhook path and the what-if both use it, so the same body and the same
 * platform answers give the same fact. Reads only; never throws for a body it cannot read: that
 * becomes an {@link UnrecognisedAlert} fact a human looks at.
 */
@Component
public final class FactReader {

  /**
   * Whether the platform was asked for what the body left out.
   *
   * @param enriched true when a platform answer filled the fact in
   * @param detail which calls were made, or why none was (for the what-if answer and the incident)
   */
  public record Enrichment(boolean enriched, String detail) {

    static final Enrichment NOT_NEEDED =
        new Enrichment(false, "not needed: the body itself carries the error");
  }

  /** A fact and how it was completed. */
  public record Reading(FailureFact fact, Enrichment enrichment) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final FactExtractor extractor;
  private final Supplier<PlatformReads> platform;

  /** As Spring wires it: the deployment's Databricks reads, when ingest provides them. */
  @Autowired
  public FactReader(FactExtractor extractor, ObjectProvider<PlatformReads> platform) {
    this(extractor, platform::getIfAvailable);
  }

  /**
   * @param platform the Databricks reads of this deployment; its value may be null when Databricks
   *     is not configured
   */
  public FactReader(FactExtractor extractor, Supplier<PlatformReads> platform) {
    this.extractor = extractor;
    this.platform = platform;
  }

  /**
   * Every failure in the body, each enriched. An unreadable body gives one UnrecognisedAlert fact.
   */
  public List<Reading> read(String source, JsonNode body) {
    return extract(source, body).stream().map(this::enrich).toList();
  }

  /** Every failure in the body, not enriched; never throws for the body's content. */
  public List<FailureFact> extract(String source, JsonNode body) {
    try {
      return extractor.extractAll(source, body);
    } catch (UnreadablePayloadException e) {
      return List.of(UnrecognisedAlert.of(source, body, e.getMessage()));
    } catch (RuntimeException e) {
      // A reader bug must not drop an alert: a human reads it instead.
      return List.of(
          UnrecognisedAlert.of(
              source,
              body,
              "Rebound failed while reading this body (" + e.getClass().getSimpleName() + ")"));
    }
  }

  /** The fact with what Databricks answers about its run or cluster, when it needs that. */
  public Reading enrich(FailureFact fact) {
    if (fact.source() != Source.DATABRICKS) {
      return new Reading(fact, Enrichment.NOT_NEEDED);
    }
    ResourceIds ids = fact.resource();
    String runId = ids.parentRunId() != null ? ids.parentRunId() : ids.runId();
    boolean thinRun =
        fact.outcome() == Outcome.FAILED && runId != null && fact.errorMessage().isBlank();
    boolean thinCluster =
        fact.resourceKind() == ResourceKind.CLUSTER
            && ids.clusterId() != null
            && fact.codes().terminationCode() == null
            && fact.outcome() != Outcome.SUCCEEDED;
    if (!thinRun && !thinCluster) {
      return new Reading(fact, Enrichment.NOT_NEEDED);
    }
    String what = thinRun ? "run " + runId : "cluster " + ids.clusterId();
    PlatformReads api = platform.get();
    if (api == null || !api.configured()) {
      return new Reading(
          fact,
          new Enrichment(
              false,
              "Databricks is not configured here (DATABRICKS_HOST): the details of "
                  + what
                  + " were not fetched; decided on what the body says alone"));
    }
    try {
      return thinRun ? enrichRun(fact, api, runId) : enrichCluster(fact, api, ids.clusterId());
    } catch (RuntimeException e) {
      return new Reading(
          FactMerge.withAttribute(fact, "enrichment", "failed: " + e.getMessage()),
          new Enrichment(
              false, "Databricks could not be read for " + what + ": " + e.getMessage()));
    }
  }

  private Reading enrichRun(FailureFact fact, PlatformReads api, String runId) {
    JsonNode run = parse(api.runsGet(runId));
    if (run == null) {
      return new Reading(fact, new Enrichment(false, "runs/get is not available here"));
    }
    FailureFact merged = FactMerge.merge(fact, extractor.extract("databricks", run));
    String calls = "runs/get";
    String failedTaskRunId = FailedTask.runIdOf(run, fact.resource().runId());
    if (failedTaskRunId != null) {
      JsonNode output = parse(api.runsGetOutput(failedTaskRunId));
      if (output != null) {
        try {
          merged = FactMerge.merge(merged, extractor.extract("databricks", output));
          calls += " + runs/get-output";
        } catch (UnreadablePayloadException e) {
          // the run already told us what failed; the output only adds the error's own words
        }
      }
    }
    return new Reading(
        FactMerge.withAttribute(EmbeddedCodes.afterEnrichment(merged), "enrichment", calls),
        new Enrichment(true, calls));
  }

  private Reading enrichCluster(FailureFact fact, PlatformReads api, String clusterId) {
    JsonNode cluster = parse(api.clustersGet(clusterId));
    if (cluster == null) {
      return new Reading(fact, new Enrichment(false, "clusters/get is not available here"));
    }
    FailureFact merged = FactMerge.merge(fact, extractor.extract("databricks", cluster));
    return new Reading(
        FactMerge.withAttribute(merged, "enrichment", "clusters/get"),
        new Enrichment(true, "clusters/get"));
  }

  private static JsonNode parse(String answer) {
    if (answer == null || answer.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(answer);
    } catch (JacksonException e) {
      throw new UnreadablePayloadException("Databricks answered with something that is not JSON");
    }
  }
}
