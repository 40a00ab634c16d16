package io.rebound.extract;

import io.rebound.failure.FailureType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/** What ADF (and Synapse pipelines) encode inside their error codes and messages. */
final class AdfErrors {

  private static final Pattern NUMERIC = Pattern.compile("\\d+");
  private static final Pattern CONNECTOR_CODE = Pattern.compile("ErrorCode=(\\w+)");
  private static final Pattern STATUS_CODE =
      Pattern.compile("status ?code[\"':=\\s-]*([A-Za-z]+|\\d{3})", Pattern.CASE_INSENSITIVE);

  /** .NET's "The remote server returned an error: (403) Forbidden." inside connector messages. */
  private static final Pattern REMOTE_ERROR = Pattern.compile("returned an error: \\((\\d{3})\\)");

  /** The platform code for a SystemError that came with no code and no message. */
  static final String SYSTEM_ERROR = "SystemError";

  private AdfErrors() {}

  /**
   * ADF reports activity codes as numbers ("2200"); rule authors and the prior tool also put the
   * connector code ("UserErrorSourceBlobNotExists") in the ErrorCode field. Each goes to its slot.
   */
  static void applyErrorCode(FactBuilder fact, String code) {
    if (code == null) {
      return;
    }
    String trimmed = code.trim();
    if (NUMERIC.matcher(trimmed).matches()) {
      fact.activityCode(trimmed);
    } else {
      fact.connectorCode(trimmed);
    }
  }

  /** Connector code and HTTP status found in the message, unless already known. */
  static void applyMessage(FactBuilder fact, String message) {
    if (message == null) {
      return;
    }
    if (fact.code("connectorCode") == null) {
      fact.connectorCode(connectorCode(message));
    }
    fact.httpStatus(httpStatus(message));
  }

  static String connectorCode(String message) {
    Matcher matcher = CONNECTOR_CODE.matcher(message);
    return matcher.find() ? matcher.group(1) : null;
  }

  /**
   * The status in "Response status code: 'GatewayTimeout'" (ADF renders .NET HttpStatusCode names)
   * or a numeric one. Null when the message names no status Rebound can map.
   */
  static Integer httpStatus(String message) {
    Matcher matcher = STATUS_CODE.matcher(message);
    if (!matcher.find()) {
      Matcher remote = REMOTE_ERROR.matcher(message);
      HttpStatus remoteStatus =
          remote.find() ? HttpStatus.resolve(Integer.parseInt(remote.group(1))) : null;
      return remoteStatus == null ? null : remoteStatus.value();
    }
    String status = matcher.group(1);
    if (NUMERIC.matcher(status).matches()) {
      HttpStatus known = HttpStatus.resolve(Integer.parseInt(status));
      return known == null ? null : known.value();
    }
    String constant = status.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    try {
      return HttpStatus.valueOf(constant).value();
    } catch (IllegalArgumentException unknownName) {
      return null;
    }
  }

  /** ADF's failureType: "UserError" / "SystemError". */
  static FailureType failureType(String value) {
    if (value == null) {
      return FailureType.UNKNOWN;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT).replace("_", "")) {
      case "usererror" -> FailureType.USER_ERROR;
      case "systemerror" -> FailureType.SYSTEM_ERROR;
      default -> FailureType.UNKNOWN;
    };
  }
}
