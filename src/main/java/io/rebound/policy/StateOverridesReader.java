package io.rebound.policy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads the what-if's {@code "state"} object. Every problem names the field and what it must be, so
 * "what would you do if the breaker were open?" never ends in a stack trace.
 */
final class StateOverridesReader {

  /** Thrown with a message for people; the controller answers it as a 400. */
  static final class BadState extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadState(String message) {
      super(message, null, false, false);
    }
  }

  private static final long MAX_COUNT = 1_000_000;

  private StateOverridesReader() {}

  static StateOverrides read(JsonNode state) {
    if (state == null || state.isNull()) {
      return StateOverrides.NONE;
    }
    if (!state.isObject()) {
      throw new BadState(
          "\"state\" must be a JSON object such as {\"breakerOpen\": true, \"failuresLastHour\":"
              + " 4}.");
    }
    List<String> known = recordComponents();
    for (Iterator<Map.Entry<String, JsonNode>> it = state.properties().iterator(); it.hasNext(); ) {
      String name = it.next().getKey();
      if (!known.contains(name)) {
        throw new BadState(
            "\"state." + name + "\" is not a state fact; use " + String.join(", ", known) + ".");
      }
    }
    return new StateOverrides(
        bool(state, "breakerOpen"),
        text(state, "breaker"),
        count(state, "failuresLastHour"),
        count(state, "failuresLastDay"),
        count(state, "openIncidents"),
        count(state, "actionsLastHour"),
        bool(state, "budgetExhausted"),
        count(state, "playbookRuns"),
        percent(state, "playbookSuccessRate"),
        seconds(state, "playbookMedianSecondsToResolve"));
  }

  private static List<String> recordComponents() {
    List<String> names = new ArrayList<>();
    for (var c : StateOverrides.class.getRecordComponents()) {
      names.add(c.getName());
    }
    return names;
  }

  private static Boolean bool(JsonNode state, String field) {
    JsonNode v = state.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw new BadState("\"state." + field + "\" must be true or false; got " + v + ".");
    }
    return v.booleanValue();
  }

  private static String text(JsonNode state, String field) {
    JsonNode v = state.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isString() || v.asString().isBlank() || v.asString().length() > 500) {
      throw new BadState(
          "\"state." + field + "\" must be the breaker's name (text of 1 to 500 characters).");
    }
    return v.asString();
  }

  private static Integer count(JsonNode state, String field) {
    Long n = whole(state, field, "a count");
    return n == null ? null : n.intValue();
  }

  private static Long seconds(JsonNode state, String field) {
    return whole(state, field, "a number of seconds");
  }

  private static Long whole(JsonNode state, String field, String what) {
    JsonNode v = state.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber()
        || !v.canConvertToLong()
        || v.asLong() < 0
        || v.asLong() > MAX_COUNT) {
      throw new BadState(
          "\"state."
              + field
              + "\" must be "
              + what
              + ": a whole number from 0 to "
              + MAX_COUNT
              + "; got "
              + v
              + ".");
    }
    return v.asLong();
  }

  private static Double percent(JsonNode state, String field) {
    JsonNode v = state.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 100 || v.asDouble() != v.asDouble()) {
      throw new BadState(
          "\"state." + field + "\" must be a percentage from 0 to 100; got " + v + ".");
    }
    return v.asDouble();
  }
}
