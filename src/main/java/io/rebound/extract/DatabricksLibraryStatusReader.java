package io.rebound.extract;

import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Libraries API cluster-status bodies: the first FAILED library is the fact. */
final class DatabricksLibraryStatusReader implements BodyReader {

  private static final Set<String> STILL_INSTALLING =
      Set.of("PENDING", "RESOLVING", "INSTALLING", "UNINSTALL_ON_RESTART");

  @Override
  public boolean recognises(JsonNode body) {
    return body.path("library_statuses").isArray();
  }

  @Override
  public FactBuilder read(JsonNode body) {
    FactBuilder fact =
        new FactBuilder(Source.DATABRICKS)
            .kind(ResourceKind.LIBRARY)
            .clusterId(Json.text(body, "cluster_id"));
    Optional<JsonNode> failed =
        Json.elements(body, "library_statuses")
            .filter(status -> "FAILED".equals(Json.text(status, "status")))
            .findFirst();
    if (failed.isEmpty()) {
      boolean installing =
          Json.elements(body, "library_statuses")
              .map(status -> Json.text(status, "status"))
              .anyMatch(status -> Json.in(STILL_INSTALLING, status));
      return fact.outcome(installing ? Outcome.IN_PROGRESS : Outcome.SUCCEEDED);
    }
    JsonNode status = failed.get();
    Optional.ofNullable(DatabricksLibrary.of(status.path("library")))
        .ifPresent(library -> library.applyTo(fact));
    fact.outcome(Outcome.FAILED)
        .attribute("libraryForAllClusters", Json.text(status, "is_library_for_all_clusters"))
        .message(
            Json.elements(status, "messages")
                .map(Json::text)
                .filter(message -> message != null)
                .collect(Collectors.joining("\n")));
    // What the body IS outranks the words in its message: a FAILED library is a library failure
    // even when its message quotes a SparkException or "permission denied".
    return DatabricksLibraryEventReader.libraryFailure(fact);
  }
}
