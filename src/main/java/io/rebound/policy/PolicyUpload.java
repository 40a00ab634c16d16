package io.rebound.policy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Turns what ops upload (single workbooks and rule files, or a zip of the policy folder) into
 * policy file paths. Problems are plain sentences naming the file.
 */
final class PolicyUpload {

  /** Far above any real policy (the shipped one is well under 1 MB); stops a zip bomb. */
  static final long MAX_UNZIPPED_BYTES = 50L * 1024 * 1024;

  private PolicyUpload() {}

  /** A file the upload cannot take, named in the message. */
  static final class Unusable extends RuntimeException {
    Unusable(String message) {
      super(message);
    }
  }

  /** "playbooks.xlsx" → "decision-tables/playbooks.xlsx"; "gates.drl" → "rules/gates.drl". */
  static String pathOf(String fileName) {
    String name = baseName(fileName);
    if (name.endsWith(".xlsx")) {
      return PolicyFiles.TABLES + "/" + name;
    }
    if (name.endsWith(".drl")) {
      return PolicyFiles.RULES + "/" + name;
    }
    throw new Unusable(
        "'"
            + name
            + "' is not a policy file: send decision tables (.xlsx), rule files (.drl) or a .zip of"
            + " the policy folder");
  }

  static boolean isZip(String fileName) {
    return fileName != null && fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
  }

  /** Adds one uploaded file, or every policy file inside an uploaded zip. */
  static void add(String fileName, byte[] bytes, Map<String, byte[]> into) {
    if (fileName == null || fileName.isBlank()) {
      throw new Unusable("every uploaded part needs a file name (playbooks.xlsx, gates.drl, ...)");
    }
    if (isZip(fileName)) {
      unzip(fileName, bytes, into);
      return;
    }
    if (bytes.length == 0) {
      throw new Unusable("'" + baseName(fileName) + "' is empty");
    }
    into.put(pathOf(fileName), bytes);
  }

  /**
   * Takes the .xlsx and .drl files anywhere in the zip (a zipped folder often has one top folder);
   * other files (README, features, editor lock files) are not policy and are skipped.
   */
  private static void unzip(String zipName, byte[] bytes, Map<String, byte[]> into) {
    Map<String, byte[]> found = new TreeMap<>();
    long total = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        String name = baseName(e.getName());
        if (e.isDirectory()
            || name.startsWith("~$")
            || name.startsWith(".")
            || !(name.endsWith(".xlsx") || name.endsWith(".drl"))) {
          continue;
        }
        byte[] content = readLimited(zip, MAX_UNZIPPED_BYTES - total, zipName);
        total += content.length;
        String path = pathOf(name);
        if (found.put(path, content) != null) {
          throw new Unusable(
              zipName + " holds two files named '" + name + "'; keep one policy folder per zip");
        }
      }
    } catch (IOException e) {
      throw new Unusable(zipName + " cannot be read as a zip file (" + e.getMessage() + ")");
    }
    if (found.isEmpty()) {
      throw new Unusable(
          zipName
              + " holds no decision tables (.xlsx) or rule files (.drl); zip the policy folder");
    }
    into.putAll(found);
  }

  private static byte[] readLimited(InputStream in, long budget, String zipName)
      throws IOException {
    byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, budget + 1));
    if (content.length > budget) {
      throw new Unusable(zipName + " unpacks to more than 50 MB; a policy folder is far smaller");
    }
    return content;
  }

  private static String baseName(String path) {
    String p = path.replace('\\', '/');
    return p.substring(p.lastIndexOf('/') + 1);
  }
}
