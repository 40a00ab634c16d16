package io.rebound.connector;

import com.databricks.sdk.core.DatabricksError;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the Databricks SDK throws into a {@link ConnectorException} the executor acts on. The
 * SDK exception is not attached as the cause: no SDK type leaves this package. Its text is in the
 * message; an unexpected failure is logged here with its stack trace.
 */
final class DatabricksErrors {

  static final String PLATFORM = "databricks";
  private static final Logger LOG = LoggerFactory.getLogger(DatabricksErrors.class);

  private DatabricksErrors() {}

  static ConnectorException translate(String call, RuntimeException thrown) {
    if (thrown instanceof ConnectorException already) {
      return already;
    }
    IOException io = ioCause(thrown);
    if (io != null) {
      String what = io instanceof HttpTimeoutException ? "timed out" : "could not be reached";
      return new ConnectorException(
          PLATFORM,
          "Databricks " + call + " " + what + ": " + io.getMessage(),
          true,
          null,
          null,
          null);
    }
    if (thrown instanceof DatabricksError error && error.getStatusCode() >= 400) {
      var answer = DatabricksTransport.lastErrorAnswer();
      int status =
          answer.map(DatabricksTransport.ErrorAnswer::status).orElse(error.getStatusCode());
      String code = error.getErrorCode();
      boolean retryable = Retryability.retryable(status, code);
      Integer retryAfter =
          retryable
              ? answer.map(DatabricksTransport.ErrorAnswer::retryAfterSeconds).orElse(null)
              : null;
      String text =
          "Databricks answered "
              + status
              + (code == null ? "" : " " + code)
              + " to "
              + call
              + ": "
              + error.getMessage();
      if (!retryable && RequestRejectedException.rejects(status)) {
        return new RequestRejectedException(PLATFORM, text, status);
      }
      return new ConnectorException(PLATFORM, text, retryable, status, retryAfter, null);
    }
    LOG.warn("Databricks {} failed unexpectedly", call, thrown);
    return new ConnectorException(
        PLATFORM,
        "Databricks " + call + " failed: " + thrown.getMessage(),
        false,
        null,
        null,
        null);
  }

  private static IOException ioCause(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return io;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
