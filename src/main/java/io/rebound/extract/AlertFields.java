package io.rebound.extract;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The named values an Azure Monitor alert carries, wherever the alert type puts them: rule-author
 * custom properties, split-by dimensions (Log Alerts V2, metric alerts, legacy log alerts) and the
 * first row of embedded legacy search results. Names match case-insensitively because rule authors
 * spell them freely. When several places name the same field, the first listed wins.
 */
final class AlertFields {

  private final Map<String, JsonNode> custom = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, JsonNode> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  private AlertFields() {}

  static AlertFields of(JsonNode data) {
    JsonNode context = data.path("alertContext");
    AlertFields fields = new AlertFields();
    fields.addCustom(context.path("properties"));
    fields.addCustom(data.path("customProperties"));
    // The docs' own sample nests customProperties inside alertContext: accept both places.
    fields.addCustom(context.path("customProperties"));
    fields.addDimensions(context.path("Dimensions"));
    Json.elements(context, "condition", "allOf")
        .forEach(criterion -> fields.addDimensions(criterion.path("dimensions")));
    fields.addFirstSearchRow(context.path("SearchResults"));
    return fields;
  }

  private void addCustom(JsonNode properties) {
    if (properties.isObject()) {
      for (Map.Entry<String, JsonNode> entry : properties.properties()) {
        custom.putIfAbsent(entry.getKey(), entry.getValue());
        all.putIfAbsent(entry.getKey(), entry.getValue());
      }
    }
  }

  private void addDimensions(JsonNode dimensions) {
    Json.elements(dimensions)
        .forEach(
            dimension -> {
              String name = Json.text(dimension, "name");
              if (name != null) {
                all.putIfAbsent(name, dimension.path("value"));
              }
            });
  }

  private void addFirstSearchRow(JsonNode searchResults) {
    JsonNode table = searchResults.path("tables").path(0);
    JsonNode row = table.path("rows").path(0);
    Iterator<JsonNode> columns = table.path("columns").iterator();
    for (int i = 0; columns.hasNext(); i++) {
      String column = Json.text(columns.next(), "name");
      if (column != null) {
        all.putIfAbsent(column, row.path(i));
      }
    }
  }

  /** The first of the named fields that has a non-blank scalar value. */
  String text(String... names) {
    for (String name : names) {
      String value = Json.text(node(name));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  JsonNode node(String name) {
    JsonNode node = all.get(name);
    return node == null ? MissingNode.getInstance() : node;
  }

  /** A rule-author custom property only: dimensions and query columns are not declarations. */
  String customProperty(String... names) {
    for (String name : names) {
      JsonNode node = custom.get(name);
      String value = node == null ? null : Json.text(node);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  Map<String, JsonNode> customProperties() {
    return custom;
  }
}
