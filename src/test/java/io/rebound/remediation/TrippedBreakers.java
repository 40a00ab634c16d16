package io.rebound.remediation;

import org.springframework.context.ApplicationContext;

/**
 * Trips a platform's breaker through the real breaker code, as repeated 5xx answers would, for
 * tests outside remediation (the dashboard's) that need an open breaker to show and reset.
 */
public final class TrippedBreakers {

  private TrippedBreakers() {}

  /** Records failures until the breaker opens; returns its name. */
  public static String trip(ApplicationContext context, String platform, String why) {
    Breakers breakers = context.getBean(Breakers.class);
    String name = Breakers.platformBreakerName(platform);
    for (int i = 0; i < 100; i++) {
      if (breakers.recordFailure(name, 5, new IllegalStateException(why), why)) {
        return name;
      }
    }
    throw new IllegalStateException("breaker " + name + " did not open after 100 failures");
  }
}
