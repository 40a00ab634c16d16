package io.rebound.extract;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the columns and properties rule authors named mean. A Log Analytics query projects
 * "TerminationCode", "termination_code_s" or "ReasonCode" for the same thing; ops list such names
 * on the classification workbook's "Field names" sheet, and every reader of alert tables and
 * properties looks fields up through this. Names match ignoring case, spaces, underscores and the
 * type suffix custom log tables add (_s, _d, _t, _b, _g).
 */
public final class FieldNames {

  /** The fields Rebound reads, as ops write them in the sheet's "Means" column. */
  public static final List<String> MEANINGS =
      List.of(
          "cluster id",
          "cluster name",
          "termination code",
          "termination type",
          "state",
          "error code",
          "error message",
          "failure type",
          "pipeline name",
          "pipeline run id",
          "activity name",
          "activity type",
          "factory name",
          "job id",
          "job name",
          "run id",
          "time",
          "resource id",
          "environment");

  private static final Pattern TYPE_SUFFIX = Pattern.compile("_[sdtbg]$");
  private static final Set<String> KNOWN =
      Set.copyOf(MEANINGS.stream().map(FieldNames::normalise).toList());

  /** Nothing beyond the names Rebound reads itself. */
  public static final FieldNames NONE = new FieldNames(Map.of());

  private final Map<String, String> meaningBySynonym;

  private FieldNames(Map<String, String> meaningBySynonym) {
    this.meaningBySynonym = Map.copyOf(meaningBySynonym);
  }

  /**
   * @param synonymsByMeaning for each meaning in {@link #MEANINGS}, the names that mean it
   * @throws IllegalArgumentException naming a meaning Rebound does not read
   */
  public static FieldNames of(Map<String, List<String>> synonymsByMeaning) {
    Map<String, String> bySynonym = new HashMap<>();
    synonymsByMeaning.forEach(
        (meaning, synonyms) -> {
          String key = normalise(meaning);
          if (!KNOWN.contains(key)) {
            throw new IllegalArgumentException(
                "'" + meaning + "' is not a field Rebound reads; use one of " + MEANINGS);
          }
          synonyms.forEach(synonym -> bySynonym.put(normalise(synonym), key));
        });
    return new FieldNames(bySynonym);
  }

  /** The key a field is stored and looked up under: its meaning when it is a known synonym. */
  String key(String name) {
    String normal = normalise(name);
    return meaningBySynonym.getOrDefault(normal, normal);
  }

  /** The names ops declared, for messages. */
  Set<String> synonyms() {
    return new TreeSet<>(meaningBySynonym.keySet());
  }

  static String normalise(String name) {
    String lower = name.trim().toLowerCase(Locale.ROOT);
    return TYPE_SUFFIX.matcher(lower).replaceFirst("").replaceAll("[^a-z0-9]", "");
  }
}
