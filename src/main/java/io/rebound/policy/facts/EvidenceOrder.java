package io.rebound.policy.facts;

import io.rebound.policy.facts.DerivedFacts.Classification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which classification sheet outranks which: the order of the sheets in their workbook, so the
 * precedence ops see (sheet tabs left to right, rows top to bottom) is the one the engine applies,
 * with no rank number hidden in a row they cannot see. The rows of the classification sheets create
 * their candidates through this object, a global named {@code order} in the rules.
 */
public final class EvidenceOrder {

  private final Map<String, Integer> rankByTable;

  /**
   * @param tablesInSheetOrder for each table, leftmost sheet first, the names its rows' rules carry
   *     before "_{row}" (the table name, and "{sheet} {table}" when compiled sheet by sheet)
   */
  public EvidenceOrder(List<List<String>> tablesInSheetOrder) {
    Map<String, Integer> ranks = new HashMap<>();
    for (int rank = 0; rank < tablesInSheetOrder.size(); rank++) {
      for (String name : tablesInSheetOrder.get(rank)) {
        ranks.putIfAbsent(name, rank);
      }
    }
    this.rankByTable = Map.copyOf(ranks);
  }

  /** A candidate error type from a table row ("{table}_{row}"), ranked by its sheet's place. */
  public Classification classification(String rule, String errorType) {
    Integer rank = rankByTable.get(RuleNames.tableOf(rule));
    if (rank == null) {
      throw new IllegalStateException("the rule " + rule + " is not a row of a known table");
    }
    return new Classification(rule, errorType, rank);
  }
}
