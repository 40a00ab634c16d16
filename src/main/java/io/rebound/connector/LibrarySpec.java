package io.rebound.connector;

import com.databricks.sdk.service.compute.Library;
import com.databricks.sdk.service.compute.MavenLibrary;
import com.databricks.sdk.service.compute.PythonPyPiLibrary;

/**
 * A versioned cluster library as ops write it: {@code pandas==2.1.4} (PyPI) or {@code
 * com.microsoft.azure:azure-sqldb-spark:1.0.2} (Maven).
 */
record LibrarySpec(Kind kind, String name, String version) {

  enum Kind {
    PYPI,
    MAVEN
  }

  static LibrarySpec parse(String text) {
    String spec = text == null ? "" : text.trim();
    int pin = spec.indexOf("==");
    if (pin > 0 && pin < spec.length() - 2) {
      return new LibrarySpec(Kind.PYPI, spec.substring(0, pin), spec.substring(pin + 2));
    }
    String[] parts = spec.split(":");
    if (parts.length == 3 && !parts[0].isBlank() && !parts[1].isBlank() && !parts[2].isBlank()) {
      return new LibrarySpec(Kind.MAVEN, parts[0] + ":" + parts[1], parts[2]);
    }
    throw new IllegalArgumentException(
        "library \""
            + spec
            + "\" is not a pinned PyPI package (name==version) or Maven"
            + " coordinates (group:artifact:version)");
  }

  LibrarySpec withVersion(String other) {
    return new LibrarySpec(kind, name, other);
  }

  Library toLibrary() {
    return kind == Kind.PYPI
        ? new Library().setPypi(new PythonPyPiLibrary().setPackage(toString()))
        : new Library().setMaven(new MavenLibrary().setCoordinates(toString()));
  }

  /** The same library in a cluster's status list: this exact version, or listed unpinned. */
  boolean sameAs(Library library) {
    if (library == null) {
      return false;
    }
    String listed =
        kind == Kind.PYPI
            ? (library.getPypi() == null ? null : library.getPypi().getPackage())
            : (library.getMaven() == null ? null : library.getMaven().getCoordinates());
    return listed != null && (listed.trim().equals(toString()) || listed.trim().equals(name));
  }

  @Override
  public String toString() {
    return kind == Kind.PYPI ? name + "==" + version : name + ":" + version;
  }
}
