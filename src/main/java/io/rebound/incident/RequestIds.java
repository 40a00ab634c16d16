package io.rebound.incident;

import org.slf4j.MDC;

/**
 * The request id of the delivery being worked on, carried on the thread as the logging MDC key
 * {@value #MDC_KEY} (the same key the HTTP filter sets, so log lines and the structured log formats
 * show it). Workers set it from what was stored (the delivery's headers, the incident, the plan);
 * the audit trail writes it on every row.
 */
public final class RequestIds {

  public static final String MDC_KEY = "requestId";

  private RequestIds() {}

  /** The id on this thread, or null. */
  public static String current() {
    return MDC.get(MDC_KEY);
  }

  /**
   * Puts the id on this thread until the scope closes, then restores what was there (a worker may
   * run inside an HTTP request that has its own id). A null id changes nothing.
   */
  public static Scope open(String requestId) {
    String before = MDC.get(MDC_KEY);
    if (requestId == null || requestId.isBlank()) {
      return () -> {};
    }
    MDC.put(MDC_KEY, requestId);
    return () -> {
      if (before == null) {
        MDC.remove(MDC_KEY);
      } else {
        MDC.put(MDC_KEY, before);
      }
    };
  }

  /** A request-id scope; closing it cannot fail. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
