package io.rebound.policy.facts;

/** SpreadsheetCompiler names a row's rule "{table name}_{spreadsheet row}". */
public final class RuleNames {

  private RuleNames() {}

  /** The table a table rule belongs to: its name without the "_{row}" suffix. */
  public static String tableOf(String ruleName) {
    int underscore = ruleName.lastIndexOf('_');
    return underscore < 0 ? ruleName : ruleName.substring(0, underscore);
  }

  /** The 1-based spreadsheet row of a table rule, or 0 for a hand-written rule. */
  public static int rowOf(String ruleName) {
    int underscore = ruleName.lastIndexOf('_');
    if (underscore < 0 || underscore == ruleName.length() - 1) {
      return 0;
    }
    int row = 0;
    for (int i = underscore + 1; i < ruleName.length(); i++) {
      char c = ruleName.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      row = row * 10 + (c - '0');
    }
    return row;
  }
}
