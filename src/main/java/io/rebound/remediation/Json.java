package io.rebound.remediation;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** String maps to and from the JSON columns. */
final class Json {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP =
      new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, Object>> OBJECT_MAP =
      new TypeReference<>() {};

  private Json() {}

  static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  static Map<String, String> stringMap(String json) {
    return json == null || json.isBlank() ? Map.of() : MAPPER.readValue(json, STRING_MAP);
  }

  static Map<String, Object> objectMap(String json) {
    return json == null || json.isBlank() ? Map.of() : MAPPER.readValue(json, OBJECT_MAP);
  }
}
