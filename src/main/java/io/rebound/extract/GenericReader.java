package io.rebound.extract;

import io.rebound.failure.ErrorCodes;
import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceIds;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The hand-written shape documented in docs/generic-webhook.md and
 * schemas/generic-webhook.schema.json. Strict: a typo in a field an engineer typed at 3 a.m. is
 * answered with what was wrong, not silently dropped.
 */
final class GenericReader implements BodyReader {

  static final List<String> STATUSES =
      List.of("failed", "succeeded", "resolved", "terminated", "in_progress", "warning");
  private static final List<String> RESOURCE_KEYS = componentNames(ResourceIds.class);
  private static final List<String> CODE_KEYS =
      componentNames(ErrorCodes.class).stream().filter(k -> !k.equals("httpStatus")).toList();

  private static List<String> componentNames(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  @Override
  public boolean recognises(JsonNode body) {
    return true;
  }

  @Override
  public FactBuilder read(JsonNode body) {
    String status = Json.text(body, "status");
    if (status == null || !STATUSES.contains(status.toLowerCase(Locale.ROOT))) {
      throw unreadable(
          "\"status\" is "
              + (status == null ? "missing" : "\"" + status + "\"")
              + "; use one of "
              + String.join(", ", STATUSES));
    }
    Outcome outcome = Outcome.valueOf(status.toUpperCase(Locale.ROOT));
    String message = Json.text(body, "errorMessage");
    if (outcome == Outcome.FAILED && message == null) {
      throw unreadable(
          "\"errorMessage\" is missing: a failure needs the error text to classify it");
    }
    FactBuilder fact =
        new FactBuilder(source(Json.text(body, "source")))
            .outcome(outcome)
            .kind(kind(Json.text(body, "resourceKind")))
            .message(message)
            .declaredEnvironment(Json.text(body, "environment"))
            .platformCode(Json.text(body, "errorCode"))
            .httpStatus(httpStatus(body.path("httpStatus")))
            .failureType(AdfErrors.failureType(Json.text(body, "failureType")))
            .occurredAt(occurredAt(body))
            .attributes(Json.scalars(body.path("attributes"), ""));
    readNamed(body.path("resource"), "resource", RESOURCE_KEYS, fact::id);
    readNamed(body.path("codes"), "codes", CODE_KEYS, fact::code);
    return fact;
  }

  private interface Setter {
    FactBuilder set(String name, String value);
  }

  private static void readNamed(JsonNode object, String field, List<String> keys, Setter setter) {
    if (object.isMissingNode() || object.isNull()) {
      return;
    }
    if (!object.isObject()) {
      throw unreadable("\"" + field + "\" must be an object");
    }
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      if (!keys.contains(entry.getKey())) {
        throw unreadable(
            "\""
                + field
                + "."
                + entry.getKey()
                + "\" is not a known field; use "
                + String.join(", ", keys));
      }
      setter.set(entry.getKey(), Json.text(entry.getValue()));
    }
  }

  private static Source source(String value) {
    if (value == null) {
      return Source.GENERIC;
    }
    return Source.fromId(value)
        .orElseThrow(
            () ->
                unreadable(
                    "\"source\" \""
                        + value
                        + "\" is not a platform Rebound knows; use one of "
                        + String.join(
                            ", ", Arrays.stream(Source.values()).map(Source::id).toList())));
  }

  private static ResourceKind kind(String value) {
    if (value == null) {
      return ResourceKind.OTHER;
    }
    try {
      return ResourceKind.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException unknown) {
      throw unreadable(
          "\"resourceKind\" \""
              + value
              + "\" is not known; use one of "
              + Arrays.toString(ResourceKind.values()).toLowerCase(Locale.ROOT));
    }
  }

  private static Integer httpStatus(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.canConvertToInt() || value.asInt() < 100 || value.asInt() > 599) {
      throw unreadable("\"httpStatus\" must be a number from 100 to 599");
    }
    return value.asInt();
  }

  private static Instant occurredAt(JsonNode body) {
    String text = Json.text(body, "occurredAt");
    Instant instant = Json.instant(body, "occurredAt");
    if (text != null && instant == null) {
      throw unreadable(
          "\"occurredAt\" \"" + text + "\" is not a time; use ISO-8601, e.g. 2025-03-14T02:17:41Z");
    }
    return instant;
  }

  private static UnreadablePayloadException unreadable(String problem) {
    return new UnreadablePayloadException(
        "Generic webhook body: " + problem + " (see docs/generic-webhook.md)");
  }
}
