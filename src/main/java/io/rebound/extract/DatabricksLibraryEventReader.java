package io.rebound.extract;

import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The prior tool's library events ("library.install_failed", "library.installation_failed"): the
 * cluster, the library and the error, flat or with the cluster as an object. A library event that
 * failed is a library failure, whatever its message quotes.
 */
final class DatabricksLibraryEventReader implements BodyReader {

  /** What a FAILED library is, when its message quotes no code of its own. */
  static final String LIBRARY_FAILED = "LIBRARY_INSTALLATION_FAILED";

  @Override
  public boolean recognises(JsonNode body) {
    String event = event(body);
    return event != null && event.toLowerCase(Locale.ROOT).startsWith("library.");
  }

  private static String event(JsonNode body) {
    return Json.first(Json.text(body, "event"), Json.text(body, "event_type"));
  }

  @Override
  public FactBuilder read(JsonNode body) {
    String event = event(body).toLowerCase(Locale.ROOT);
    boolean failed = event.contains("fail") || "FAILED".equalsIgnoreCase(Json.text(body, "status"));
    FactBuilder fact =
        new FactBuilder(Source.DATABRICKS)
            .kind(ResourceKind.LIBRARY)
            .outcome(failed ? Outcome.FAILED : Outcome.UNKNOWN)
            .clusterId(
                Json.first(Json.text(body, "cluster", "cluster_id"), Json.text(body, "cluster_id")))
            .attribute("clusterName", Json.text(body, "cluster", "cluster_name"))
            .attribute("eventType", event)
            .occurredAt(Json.instant(body, "timestamp"))
            .message(
                Json.text(body, "error_message"),
                Json.text(body, "message"),
                Json.text(body, "state_message"));
    Optional.ofNullable(DatabricksLibrary.of(body.path("library")))
        .ifPresent(library -> library.applyTo(fact));
    return failed ? libraryFailure(fact) : fact;
  }

  /** The body is a failed library: that is its code unless the message quotes a sharper one. */
  static FactBuilder libraryFailure(FactBuilder fact) {
    EmbeddedCodes.apply(fact);
    if (fact.code("platformCode") == null) {
      fact.platformCode(LIBRARY_FAILED);
    }
    return fact.attribute("libraryStatus", "FAILED");
  }
}
