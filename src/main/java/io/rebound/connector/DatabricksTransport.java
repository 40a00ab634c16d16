package io.rebound.connector;

import com.databricks.sdk.core.http.HttpClient;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Databricks SDK's HTTP transport, on java.net.http.
 *
 * <p>Why not the SDK's own Apache client: it has one timeout for connect and read alike, and the
 * SDK's {@code DatabricksError} drops the {@code Retry-After} header of a 429/503. This transport
 * applies the configured connect and read timeouts separately and remembers the last Retry-After
 * seen on the calling thread, so {@link DatabricksErrors} can hand it to the executor. The SDK runs
 * each call synchronously on the caller's thread, which is what makes the thread-local reliable.
 */
final class DatabricksTransport implements HttpClient {

  /** What the last error answer on this thread said, for the exception the SDK throws next. */
  record ErrorAnswer(int status, Integer retryAfterSeconds) {}

  private static final ThreadLocal<ErrorAnswer> LAST_ERROR = new ThreadLocal<>();

  private final java.net.http.HttpClient http;
  private final ConnectorTimeouts timeouts;

  DatabricksTransport(ConnectorTimeouts timeouts) {
    this.timeouts = timeouts;
    this.http =
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(timeouts.connectTimeout())
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * The HTTP status and Retry-After of the last error answer on this thread. The SDK reports some
   * 400s as 404 (its "does not exist" overrides); ops should see what Databricks really answered.
   */
  static void forgetLastErrorAnswer() {
    LAST_ERROR.remove();
  }

  static Optional<ErrorAnswer> lastErrorAnswer() {
    return Optional.ofNullable(LAST_ERROR.get());
  }

  @Override
  public Response execute(Request in) throws IOException {
    LAST_ERROR.remove();
    HttpRequest.Builder out =
        HttpRequest.newBuilder(in.getUri())
            .timeout(timeouts.readTimeout())
            .method(in.getMethod(), body(in));
    in.getHeaders().forEach(out::header);
    try {
      var answer = http.send(out.build(), BodyHandlers.ofByteArray());
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.putAll(answer.headers().map());
      rememberError(answer.statusCode(), answer.headers().firstValue("Retry-After"));
      // Buffered: the SDK only deserialises a body whose stream reports available() > 0.
      InputStream body = new ByteArrayInputStream(answer.body());
      return new Response(
          in, in.getUri().toURL(), answer.statusCode(), reason(answer.statusCode()), headers, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling Databricks", e);
    }
  }

  private static HttpRequest.BodyPublisher body(Request in) {
    if (in.isBodyString() && in.getBodyString() != null) {
      return BodyPublishers.ofString(in.getBodyString());
    }
    if (in.isBodyStreaming() && in.getBodyStream() != null) {
      InputStream stream = in.getBodyStream();
      return BodyPublishers.ofInputStream(() -> stream);
    }
    return BodyPublishers.noBody();
  }

  private static void rememberError(int status, Optional<String> retryAfter) {
    if (status < 400) {
      return;
    }
    Integer seconds =
        status == 429 || status == 503
            ? retryAfter.flatMap(RetryAfter::seconds).orElse(null)
            : null;
    LAST_ERROR.set(new ErrorAnswer(status, seconds));
  }

  /** The SDK derives an error code from the reason phrase when an error body is not JSON. */
  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> status < 400 ? "OK" : "Error";
    };
  }
}
