package io.rebound.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every HTTP request a request id: the caller's X-Request-Id when it sent a sane one, else a
 * new one. It is in every log line written while the request runs (MDC key requestId, and a field
 * of the structured log formats), in the answer's X-Request-Id header, and, for a webhook, stored
 * with the delivery's headers, from where the audit trail's delivery id leads to the decision and
 * the actions.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

  static final String HEADER = "X-Request-Id";
  static final String MDC_KEY = "requestId";

  /** Long enough for any tracing id; no spaces or control characters that could forge log lines. */
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String presented = request.getHeader(HEADER);
    boolean sane = presented != null && SANE.matcher(presented).matches();
    String id = sane ? presented : newId();
    response.setHeader(HEADER, id);
    MDC.put(MDC_KEY, id);
    try {
      chain.doFilter(sane ? request : new WithRequestId(request, id), response);
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  /**
   * A random (version 4 shaped) UUID from the thread's own generator: a request id needs no
   * cryptographic randomness, and UUID.randomUUID() would make every webhook of an alert storm
   * queue on one shared SecureRandom.
   */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  /** The request as if the caller had sent the id, so whatever stores its headers keeps it. */
  private static final class WithRequestId extends HttpServletRequestWrapper {
    private final String id;

    WithRequestId(HttpServletRequest request, String id) {
      super(request);
      this.id = id;
    }

    @Override
    public String getHeader(String name) {
      return HEADER.equalsIgnoreCase(name) ? id : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return HEADER.equalsIgnoreCase(name)
          ? Collections.enumeration(Set.of(id))
          : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      Set<String> names = new LinkedHashSet<>(Collections.list(super.getHeaderNames()));
      names.add(HEADER);
      return Collections.enumeration(names);
    }
  }
}
