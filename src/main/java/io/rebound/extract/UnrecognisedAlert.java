package io.rebound.extract;

import io.rebound.failure.Environment;
import io.rebound.failure.ErrorCodes;
import io.rebound.failure.FailureFact;
import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An authenticated sender's body Rebound cannot read. It is never dropped: it becomes a failure
 * whose platform code {@value #CODE} the classification workbook sends to a human, with the raw
 * body and what was missing, so ops can add a row and replay the delivery.
 */
public final class UnrecognisedAlert {

  /** The platform code, and the error type the classification workbook gives it. */
  public static final String CODE = "UnrecognisedAlert";

  /** Enough of the body for a person to see what arrived; the inbox keeps all of it. */
  static final int MAX_RAW_BODY = 16 * 1024;

  private UnrecognisedAlert() {}

  static FailureFact of(String source, JsonNode body, String problem) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("unrecognised.endpoint", String.valueOf(source));
    attributes.put("unrecognised.problem", problem);
    String raw = body == null ? "" : body.toString();
    attributes.put(
        "unrecognised.body",
        raw.length() > MAX_RAW_BODY ? raw.substring(0, MAX_RAW_BODY) + " [cut]" : raw);
    return new FailureFact(
        source == null ? Source.GENERIC : Source.fromId(source).orElse(Source.GENERIC),
        Environment.PRODUCTION,
        ResourceKind.OTHER,
        Outcome.FAILED,
        null,
        new ErrorCodes(null, null, null, null, null, null, null, null, null, CODE),
        "Rebound could not read this alert: " + problem,
        null,
        null,
        attributes);
  }

  /** Whether Rebound could not read the fact's body. */
  public static boolean is(FailureFact fact) {
    return CODE.equals(fact.codes().platformCode());
  }
}
