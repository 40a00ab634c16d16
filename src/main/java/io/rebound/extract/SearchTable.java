package io.rebound.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The query results a log search alert embeds: {"tables": [{"columns": [{"name"}...], "rows":
 * [[...]...]}]}. Common-schema legacy log alerts put it at data.alertContext.SearchResults, the
 * pre-common-schema webhook and custom JSON payloads at SearchResult. Rows are read by column name,
 * never by position: rule authors project columns in any order.
 */
record SearchTable(List<String> columns, List<JsonNode> rows) {

  static final SearchTable NONE = new SearchTable(List.of(), List.of());

  static SearchTable in(JsonNode body) {
    JsonNode data = body.path("data");
    return Stream.of(
            Json.at(data, "alertContext", "SearchResults"),
            Json.at(data, "alertContext", "SearchResult"),
            data.path("SearchResults"),
            data.path("SearchResult"),
            body.path("SearchResults"),
            body.path("SearchResult"))
        .filter(results -> results.path("tables").path(0).path("columns").isArray())
        .findFirst()
        .map(SearchTable::of)
        .orElse(NONE);
  }

  private static SearchTable of(JsonNode results) {
    JsonNode table = results.path("tables").path(0);
    List<String> columns = new ArrayList<>();
    Json.elements(table, "columns")
        .forEach(
            column ->
                columns.add(
                    Json.first(Json.text(column, "name"), Json.text(column, "ColumnName"))));
    List<JsonNode> rows = Json.elements(table, "rows").filter(JsonNode::isArray).toList();
    return new SearchTable(columns, rows);
  }

  /** The row's values by column name; columns without a name are skipped. */
  Map<String, JsonNode> row(int index) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    if (index < 0 || index >= rows.size()) {
      return values;
    }
    JsonNode row = rows.get(index);
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i) != null) {
        values.put(columns.get(i), row.path(i));
      }
    }
    return values;
  }
}
