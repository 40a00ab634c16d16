package io.rebound.extract;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The named values an Azure Monitor alert carries, wherever the alert type or the script that
 * forwarded it puts them: one row of embedded search results, rule-author custom properties
 * (alertContext.properties, customProperties, and the prior tool's data.context.properties and
 * top-level properties), and split-by dimensions. Names are looked up through {@link FieldNames}:
 * case, underscores and the synonyms ops declared do not matter. When several places name the same
 * field, the first listed wins.
 */
final class AlertFields {

  private final FieldNames names;
  private final Map<String, JsonNode> custom = new HashMap<>();
  private final Map<String, String> customNames = new LinkedHashMap<>();
  private final Map<String, JsonNode> all = new HashMap<>();

  private AlertFields(FieldNames names) {
    this.names = names;
  }

  /**
   * @param row the search-results row this fact is about (empty for alerts without one)
   */
  static AlertFields of(JsonNode body, Map<String, JsonNode> row, FieldNames names) {
    JsonNode data = body.path("data");
    JsonNode context = data.path("alertContext");
    AlertFields fields = new AlertFields(names);
    row.forEach(fields::put);
    fields.addCustom(context.path("properties"));
    fields.addCustom(data.path("customProperties"));
    // The docs' own sample nests customProperties inside alertContext: accept both places.
    fields.addCustom(context.path("customProperties"));
    // Scripts and Logic Apps that fed the prior tool put them here.
    fields.addCustom(Json.at(data, "context", "properties"));
    fields.addCustom(Json.at(body, "context", "properties"));
    fields.addCustom(body.path("properties"));
    fields.addDimensions(context.path("Dimensions"));
    Json.elements(context, "condition", "allOf")
        .forEach(criterion -> fields.addDimensions(criterion.path("dimensions")));
    return fields;
  }

  private void put(String name, JsonNode value) {
    all.putIfAbsent(names.key(name), value);
  }

  private void addCustom(JsonNode properties) {
    if (properties.isObject()) {
      for (Map.Entry<String, JsonNode> entry : properties.properties()) {
        String key = names.key(entry.getKey());
        if (custom.putIfAbsent(key, entry.getValue()) == null) {
          customNames.put(entry.getKey(), key);
        }
        all.putIfAbsent(key, entry.getValue());
      }
    }
  }

  private void addDimensions(JsonNode dimensions) {
    Json.elements(dimensions)
        .forEach(
            dimension -> {
              String name = Json.text(dimension, "name");
              if (name != null) {
                put(name, dimension.path("value"));
              }
            });
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
    JsonNode node = all.get(names.key(name));
    return node == null ? MissingNode.getInstance() : node;
  }

  boolean isEmpty() {
    return all.isEmpty();
  }

  /** A rule-author custom property only: dimensions and query columns are not declarations. */
  String customProperty(String... names) {
    for (String name : names) {
      JsonNode node = custom.get(this.names.key(name));
      String value = node == null ? null : Json.text(node);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** Custom properties under the names the rule author gave them. */
  Map<String, JsonNode> customProperties() {
    Map<String, JsonNode> named = new LinkedHashMap<>();
    customNames.forEach((name, key) -> named.put(name, custom.get(key)));
    return named;
  }
}
