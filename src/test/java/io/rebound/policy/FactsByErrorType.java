package io.rebound.policy;

import io.rebound.failure.Environment;
import io.rebound.failure.ErrorCodes;
import io.rebound.failure.FailureFact;
import io.rebound.failure.FailureType;
import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceIds;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import io.rebound.policy.WorkbookTables.Column;
import io.rebound.policy.WorkbookTables.DataRow;
import io.rebound.policy.WorkbookTables.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * For each error type, a fact built from the first classification row that names it, so row tests
 * for playbooks and gates follow the workbooks as ops edit them.
 */
final class FactsByErrorType {

  private static final List<String> TABLES =
      List.of(
          "ADF connector codes",
          "Run terminations",
          "Cluster terminations",
          "HTTP statuses",
          "ADF activity codes",
          "Platform codes",
          "Message patterns");

  private static final Map<String, Function<Environment, FailureFact>> BY_TYPE = build();

  private FactsByErrorType() {}

  static Optional<FailureFact> factFor(String errorType, Environment env) {
    if (errorType.equals("UnknownError")) {
      return Optional.of(Facts.adf(null, null, null, "nothing anyone recognises", env));
    }
    return Optional.ofNullable(BY_TYPE.get(errorType)).map(f -> f.apply(env));
  }

  private static Map<String, Function<Environment, FailureFact>> build() {
    Map<String, Function<Environment, FailureFact>> map = new HashMap<>();
    for (String name : TABLES) {
      Table t = Workbooks.table("classification.xlsx", name);
      Column type = t.column("Error type");
      for (DataRow row : t.rows()) {
        Map<String, String> cells = new HashMap<>();
        for (Column c : t.columns()) {
          if (c.condition() && row.value(c) != null) {
            cells.put(c.header(), row.value(c));
          }
        }
        map.putIfAbsent(row.value(type), env -> fact(cells, env));
      }
    }
    return map;
  }

  private static FailureFact fact(Map<String, String> cells, Environment env) {
    String platform = cells.getOrDefault("Platform", "databricks");
    Source source =
        switch (platform) {
          case "ci" -> Source.GITHUB;
          case "azure-data-factory" -> Source.AZURE_DATA_FACTORY;
          default -> Source.DATABRICKS;
        };
    if (cells.containsKey("Connector code") || cells.containsKey("Activity error code")) {
      source = Source.AZURE_DATA_FACTORY;
    }
    String http = cells.get("HTTP status");
    String message = cells.getOrDefault("Message mentions", "").replace("*", " 42 ");
    ErrorCodes codes =
        new ErrorCodes(
            cells.get("Activity error code"),
            cells.get("Connector code"),
            cells.get("Cluster termination code"),
            null,
            cells.get("Run termination code"),
            null,
            null,
            cells.get("Run result state"),
            http == null ? null : Integer.valueOf(http),
            cells.get("Platform code"));
    return new FailureFact(
        source,
        env,
        ResourceKind.OTHER,
        Outcome.FAILED,
        ResourceIds.NONE,
        codes,
        message,
        FailureType.UNKNOWN,
        null,
        Map.of());
  }
}
