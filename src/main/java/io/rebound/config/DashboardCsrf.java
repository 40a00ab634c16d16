package io.rebound.config;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * Which requests must prove they come from the dashboard page: changes that ride on a session
 * cookie. A request with an Authorization header is a bearer-token client (a browser never adds
 * that header to a cross-site request without CORS, which Rebound does not allow), and a request
 * without a session cookie has nothing a forged request could borrow. Signing in is exempt: it
 * accepts only a JSON body, which no cross-site form can send, and carries its own token.
 */
final class DashboardCsrf {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private DashboardCsrf() {}

  static boolean required(HttpServletRequest request) {
    if (SAFE.contains(request.getMethod())) {
      return false;
    }
    if (request.getHeader("Authorization") != null) {
      return false;
    }
    if ("POST".equals(request.getMethod()) && "/api/session".equals(request.getRequestURI())) {
      return false;
    }
    // an expired or unknown session id signs nobody in: that request gets the plain 401
    return request.getRequestedSessionId() != null && request.isRequestedSessionIdValid();
  }
}
