package io.rebound.extract;

import tools.jackson.databind.JsonNode;

/**
 * A Libraries API Library object (pypi, maven, cran, jar, whl...) read into the coordinate a fact
 * carries ("pandas==2.1.4", "com.example:lib:1.0") plus its type and repository, and its name and
 * version apart, so policy can match a library regardless of the version that broke.
 */
record DatabricksLibrary(String type, String coordinate, String name, String version, String repo) {

  private static final String[] PATH_TYPES = {"jar", "whl", "egg", "requirements"};

  /** Reads a Libraries API Library object; null when it names no library Rebound knows. */
  static DatabricksLibrary of(JsonNode library) {
    String pypi = Json.text(library, "pypi", "package");
    if (pypi != null) {
      return pypi(pypi, Json.text(library, "pypi", "repo"));
    }
    String maven = Json.text(library, "maven", "coordinates");
    if (maven != null) {
      int lastColon = maven.lastIndexOf(':');
      return lastColon > 0
          ? new DatabricksLibrary(
              "maven",
              maven,
              maven.substring(0, lastColon),
              maven.substring(lastColon + 1),
              Json.text(library, "maven", "repo"))
          : new DatabricksLibrary("maven", maven, maven, null, Json.text(library, "maven", "repo"));
    }
    String cran = Json.text(library, "cran", "package");
    if (cran != null) {
      return new DatabricksLibrary("cran", cran, cran, null, Json.text(library, "cran", "repo"));
    }
    for (String type : PATH_TYPES) {
      String path = Json.text(library, type);
      if (path != null) {
        return new DatabricksLibrary(type, path, path, null, null);
      }
    }
    return null;
  }

  /** "pandas==2.1.4" → pandas / 2.1.4; a bare "pandas" has no version. */
  static DatabricksLibrary pypi(String requirement, String repo) {
    int pin = requirement.indexOf("==");
    return pin > 0
        ? new DatabricksLibrary(
            "pypi",
            requirement,
            requirement.substring(0, pin).trim(),
            requirement.substring(pin + 2).trim(),
            repo)
        : new DatabricksLibrary("pypi", requirement, requirement.trim(), null, repo);
  }

  void applyTo(FactBuilder fact) {
    fact.library(coordinate)
        .attribute("libraryType", type)
        .attribute("libraryName", name)
        .attribute("libraryVersion", version)
        .attribute("libraryRepo", repo);
  }
}
