package io.rebound.config;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error page, for what it refuses before the request reaches the application (an
 * undecodable path such as {@code /api/%ff}, an encoded slash, {@code ..} above the root), in the
 * API's JSON shape instead of an HTML page. Never includes Tomcat's message or an exception.
 * Public: the host instantiates its error report valve by class name.
 */
public class JsonErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    String error;
    String detail;
    if (status == 400) {
      error = "bad_request";
      detail =
          "The request address is not valid: every '%' must be followed by two hexadecimal digits"
              + " spelling UTF-8 text, and the path may not contain an encoded '/' or '\\', a"
              + " control character or '..' above the root.";
    } else if (status >= 500) {
      error = "internal_error";
      detail = "Rebound failed to answer this request; the service log has the details.";
    } else {
      error = "error";
      detail = "The request was refused (HTTP " + status + ").";
    }
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write("{\"error\":\"" + error + "\",\"detail\":\"" + jsonText(detail) + "\"}");
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response was taken over meanwhile: nothing left to answer
    }
  }

  private static String jsonText(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
