package io.rebound.failure;

/** How soon a human should look, P1 first. */
public enum Priority {
  P1,
  P2,
  P3,
  P4
}
