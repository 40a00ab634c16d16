package io.rebound.policy.facts;

import io.rebound.policy.facts.DerivedFacts.Classified;
import io.rebound.policy.facts.DerivedFacts.PlaybookChoice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Playbooks sheet read as data: its rows indexed by error type, each giving the playbook its
 * hidden rows describe ("errorType == the Error type cell", then one setter per column). A
 * 1,000-row sheet then costs no compilation at all (as rules, every row was a class the Java
 * compiler built), and a lookup is one hash probe. The rules reach it as the global {@code
 * playbooks}; when the sheet's hidden rows say anything else, it is compiled as rules instead and
 * this table is empty.
 */
public final class PlaybookRows {

  /** One row: the rule name Drools would give it and its cells (null when empty). */
  public record Row(
      String rule,
      String errorType,
      String action,
      int maxRetries,
      String backoff,
      int timeoutSeconds,
      String healthCheck,
      String fallbacks,
      String chain,
      int circuitBreakerThreshold) {

    PlaybookChoice choiceFor(Classified c) {
      PlaybookChoice p = new PlaybookChoice(rule, c.getErrorType(), action);
      p.setMaxRetries(maxRetries);
      if (backoff != null) {
        p.setBackoff(backoff);
      }
      p.setTimeoutSeconds(timeoutSeconds);
      if (healthCheck != null) {
        p.setHealthCheck(healthCheck);
      }
      if (fallbacks != null) {
        p.setFallbacks(fallbacks);
      }
      if (chain != null) {
        p.setChain(chain);
      }
      p.setCircuitBreakerThreshold(circuitBreakerThreshold);
      return p;
    }
  }

  public static final PlaybookRows NONE = new PlaybookRows(List.of());

  private final Map<String, List<Row>> byErrorType = new HashMap<>();

  /**
   * @param rows in sheet order, top first
   */
  public PlaybookRows(List<Row> rows) {
    for (Row r : rows) {
      byErrorType.computeIfAbsent(r.errorType(), k -> new ArrayList<>(1)).add(r);
    }
  }

  /** The playbooks of every row for this error type, top row first; usually one. */
  public List<PlaybookChoice> matching(Classified c) {
    List<Row> rows = byErrorType.get(c.getErrorType());
    if (rows == null) {
      return List.of();
    }
    List<PlaybookChoice> choices = new ArrayList<>(rows.size());
    for (Row r : rows) {
      choices.add(r.choiceFor(c));
    }
    return choices;
  }
}
