package io.rebound.connector;

import com.databricks.sdk.service.compute.ClusterStatus;
import com.databricks.sdk.service.compute.InstallLibraries;
import com.databricks.sdk.service.compute.LibraryFullStatus;
import com.databricks.sdk.service.compute.LibraryInstallStatus;
import com.databricks.sdk.service.compute.UninstallLibraries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * reinstall_library and library_installed. The failed version is never installed again: the
 * playbook's {@code libraryVersions} are tried in order, skipping it, one per attempt.
 */
final class DatabricksLibraries {

  private final DatabricksApi api;

  DatabricksLibraries(DatabricksApi api) {
    this.api = api;
  }

  /**
   * Parameters: {@code libraryVersions} (comma-separated, preferred first), {@code attempt}
   * (1-based, which of the remaining versions), {@code uninstallFailed} (default true: mark the
   * failed version for removal so the next cluster restart does not bring it back).
   */
  ActionResult reinstall(ActionRequest request) {
    String clusterId = Targets.required(request, "clusterId");
    LibrarySpec failed = LibrarySpec.parse(Targets.required(request, "library"));
    List<String> candidates = new ArrayList<>();
    for (String version : Targets.parameter(request, "libraryVersions").orElse("").split(",")) {
      String v = version.trim();
      if (!v.isEmpty() && !v.equals(failed.version()) && !candidates.contains(v)) {
        candidates.add(v);
      }
    }
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException(
          "reinstall_library needs parameter libraryVersions with a version other than the failed "
              + failed);
    }
    int attempt = Targets.intParameter(request, "attempt", 1);
    if (attempt < 1 || attempt > candidates.size()) {
      throw new ConnectorException(
          DatabricksErrors.PLATFORM,
          "no fallback version left for "
              + failed
              + ": attempt "
              + attempt
              + " of "
              + candidates.size()
              + " ("
              + String.join(", ", candidates)
              + ")",
          false,
          null,
          null,
          null);
    }
    LibrarySpec chosen = failed.withVersion(candidates.get(attempt - 1));
    boolean uninstall =
        Targets.parameter(request, "uninstallFailed").map(Boolean::valueOf).orElse(true);
    if (uninstall) {
      api.call(
          "POST /api/2.0/libraries/uninstall",
          ws -> {
            ws.libraries()
                .impl()
                .uninstall(
                    new UninstallLibraries()
                        .setClusterId(clusterId)
                        .setLibraries(List.of(failed.toLibrary())));
            return null;
          });
    }
    api.call(
        "POST /api/2.0/libraries/install",
        ws -> {
          ws.libraries()
              .impl()
              .install(
                  new InstallLibraries()
                      .setClusterId(clusterId)
                      .setLibraries(List.of(chosen.toLibrary())));
          return null;
        });
    return new ActionResult(
        ActionResult.Status.DONE,
        clusterId,
        "Installing " + chosen + " on cluster " + clusterId + " instead of " + failed,
        Map.of(
            "library", chosen.toString(),
            "version", chosen.version(),
            "failedLibrary", failed.toString()));
  }

  HealthCheckResult installed(ActionRequest request, ActionResult result) {
    String clusterId = Targets.reference(request, result, "clusterId");
    String wanted =
        result != null && result.data().containsKey("library")
            ? result.data().get("library")
            : Targets.required(request, "library");
    LibrarySpec library = LibrarySpec.parse(wanted);
    var statuses =
        api.call(
            "GET /api/2.0/libraries/cluster-status",
            ws -> ws.libraries().impl().clusterStatus(new ClusterStatus().setClusterId(clusterId)));
    if (statuses.getLibraryStatuses() != null) {
      for (LibraryFullStatus status : statuses.getLibraryStatuses()) {
        if (library.sameAs(status.getLibrary())) {
          return verdict(library, clusterId, status);
        }
      }
    }
    return new HealthCheckResult(
        HealthCheckResult.Status.PENDING,
        library + " is not listed on cluster " + clusterId + " yet");
  }

  private static HealthCheckResult verdict(
      LibrarySpec library, String clusterId, LibraryFullStatus status) {
    LibraryInstallStatus state = status.getStatus();
    String messages =
        status.getMessages() == null || status.getMessages().isEmpty()
            ? ""
            : ": " + String.join(" ", status.getMessages());
    String detail = library + " on cluster " + clusterId + " is " + state + messages;
    if (state == LibraryInstallStatus.INSTALLED) {
      return new HealthCheckResult(HealthCheckResult.Status.HEALTHY, detail);
    }
    if (state == LibraryInstallStatus.FAILED
        || state == LibraryInstallStatus.SKIPPED
        || state == LibraryInstallStatus.UNINSTALL_ON_RESTART) {
      return new HealthCheckResult(HealthCheckResult.Status.UNHEALTHY, detail);
    }
    return new HealthCheckResult(HealthCheckResult.Status.PENDING, detail);
  }
}
