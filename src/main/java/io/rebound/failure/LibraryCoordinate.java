package io.rebound.failure;

import java.util.Locale;

/**
 * A library as the workbooks match it: "pandas==2.1.4" (pip) or "org.foo:bar:1.2" (maven) split
 * into a normalised name and a version. The one type for a library's identity; extract reads the
 * Databricks Library objects (DatabricksLibrary) into the coordinate string a fact carries.
 */
public record LibraryCoordinate(String name, String version) {

  public static LibraryCoordinate parse(String coordinate) {
    if (coordinate == null || coordinate.isBlank()) {
      return null;
    }
    String c = coordinate.trim();
    int pip = c.indexOf("==");
    if (pip > 0) {
      return new LibraryCoordinate(normalise(c.substring(0, pip)), c.substring(pip + 2).trim());
    }
    int colon = c.lastIndexOf(':');
    if (colon > 0 && colon < c.length() - 1) {
      return new LibraryCoordinate(normalise(c.substring(0, colon)), c.substring(colon + 1).trim());
    }
    return new LibraryCoordinate(normalise(c), null);
  }

  /** pip treats names case-insensitively and "_" like "-". */
  private static String normalise(String name) {
    return name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
