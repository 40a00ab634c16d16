package io.rebound.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Rebound's data on disk (every alert body in the H2 database, the generated secrets) readable by
 * the service's user alone: folders 0700, files 0600. On a file system without POSIX permissions
 * (Windows) there is nothing to set and nothing is done.
 */
final class OwnerOnlyFiles {

  static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFiles() {}

  static boolean supported(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Creates the folder (and missing parents) owner-only, or makes an existing one so. */
  static void folder(Path folder) throws IOException {
    Path absolute = folder.toAbsolutePath();
    if (!supported(absolute)) {
      Files.createDirectories(absolute);
      return;
    }
    if (!Files.isDirectory(absolute)) {
      Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(FOLDER));
    }
    Files.setPosixFilePermissions(absolute, FOLDER); // creation is subject to the umask
  }

  static void file(Path file) throws IOException {
    if (supported(file) && Files.isRegularFile(file)) {
      Files.setPosixFilePermissions(file, FILE);
    }
  }

  /** The files of one H2 database ({@code name.mv.db}, {@code name.trace.db}, …) owner-only. */
  static void databaseFiles(Path database) throws IOException {
    Path folder = database.toAbsolutePath().getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      return;
    }
    String prefix = database.getFileName() + ".";
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, prefix + "*")) {
      for (Path file : files) {
        file(file);
      }
    }
  }

  /**
   * Where an H2 URL keeps its files, without the {@code .mv.db} suffix; empty for an in-memory or
   * remote database (and any other driver).
   */
  static Optional<Path> h2Database(String url) {
    if (url == null || !url.startsWith("jdbc:h2:")) {
      return Optional.empty();
    }
    String location = url.substring("jdbc:h2:".length());
    int options = location.indexOf(';');
    if (options >= 0) {
      location = location.substring(0, options);
    }
    if (location.startsWith("file:")) {
      location = location.substring("file:".length());
    } else if (location.matches("^(mem|tcp|ssl|zip|split|nio\\w*|async|memFS|memLZF):.*")) {
      return Optional.empty();
    }
    if (location.startsWith("~")) {
      location = System.getProperty("user.home") + location.substring(1);
    }
    return location.isBlank() ? Optional.empty() : Optional.of(Path.of(location));
  }
}
