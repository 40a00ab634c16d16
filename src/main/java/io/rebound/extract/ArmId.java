package io.rebound.extract;

import java.util.Locale;

/** Reads names out of Azure Resource Manager ids (".../providers/Microsoft.X/type/name/..."). */
final class ArmId {

  private ArmId() {}

  /** The name following the given resource type segment, e.g. "factories" → "adf-contoso-prod". */
  static String name(String armId, String typeSegment) {
    return name(armId, typeSegment, null);
  }

  /**
   * @param provider when not null, the id must belong to this resource provider (several providers
   *     have a "workspaces" type)
   */
  static String name(String armId, String typeSegment, String provider) {
    if (armId == null) {
      return null;
    }
    String lower = armId.toLowerCase(Locale.ROOT);
    if (provider != null && !lower.contains("/providers/" + provider.toLowerCase(Locale.ROOT))) {
      return null;
    }
    String[] segments = armId.split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      if (segments[i].equalsIgnoreCase(typeSegment)) {
        return segments[i + 1].isBlank() ? null : segments[i + 1];
      }
    }
    return null;
  }
}
