package io.rebound.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts webhook deliveries by endpoint and by the answer the sender got, from outside the webhook
 * servlet. The endpoint tag is the path's last segment only when the servlet knew it (any answer
 * but 404), so a scanner posting to random paths cannot grow the series.
 */
class WebhookDeliveryCounter extends OncePerRequestFilter {

  static final String NAME = "rebound.webhook.deliveries";

  private final MeterRegistry registry;

  WebhookDeliveryCounter(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } finally {
      int status = response.getStatus();
      Counter.builder(NAME)
          .description("Webhook deliveries by endpoint and the HTTP answer the sender got")
          .tag("source", status == 404 ? "unknown" : endpoint(request.getRequestURI()))
          .tag("outcome", outcome(status))
          .tag("status", Integer.toString(status))
          .register(registry)
          .increment();
    }
  }

  static String endpoint(String uri) {
    String path = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    String last = path.substring(path.lastIndexOf('/') + 1);
    // legacy mount points name the platform with a "-monitor" suffix
    return last.matches("[a-z0-9-]{1,40}") ? last : "unknown";
  }

  static String outcome(int status) {
    if (status >= 200 && status < 300) {
      return "accepted";
    }
    return switch (status) {
      case 401, 403 -> "unauthorized";
      case 413 -> "too_large";
      case 415 -> "unsupported_media_type";
      case 429, 503 -> "throttled";
      default -> status >= 500 ? "server_error" : "rejected";
    };
  }
}
