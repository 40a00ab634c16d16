package io.rebound.policy.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How list and yes/no cells are written in the workbooks: "10, 30, 60", "yes". */
public final class PolicyLists {

  private PolicyLists() {}

  public static List<String> split(String cell) {
    if (cell == null || cell.isBlank()) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String part : cell.split("[,;]")) {
      String t = part.trim();
      if (!t.isEmpty()) {
        items.add(t);
      }
    }
    return items;
  }

  /** A playbook's first action, then each fallback that is not that action, in sheet order. */
  public static List<String> actionAndFallbacks(String action, String fallbacks) {
    List<String> actions = new ArrayList<>(3);
    actions.add(action);
    for (String fallback : split(fallbacks)) {
      if (!fallback.equals(action)) {
        actions.add(fallback);
      }
    }
    return actions;
  }

  public static boolean yes(String cell) {
    return cell != null && isYes(cell.trim().toLowerCase(Locale.ROOT));
  }

  private static boolean isYes(String v) {
    return v.equals("yes") || v.equals("y") || v.equals("true");
  }

  public static boolean isYesOrNo(String cell) {
    if (cell == null) {
      return false;
    }
    String v = cell.trim().toLowerCase(Locale.ROOT);
    return isYes(v) || v.equals("no") || v.equals("n") || v.equals("false");
  }
}
