package io.rebound.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The policy as bytes: every rules/*.drl and decision-tables/*.xlsx, keyed by its path relative to
 * the policy folder ("decision-tables/playbooks.xlsx"). Read once, so validation, compilation and
 * the version hash all see exactly the same content.
 */
record PolicyFiles(String origin, Map<String, byte[]> files) {

  static final String RULES = "rules";
  static final String TABLES = "decision-tables";

  PolicyFiles {
    files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
  }

  static PolicyFiles fromDirectory(Path dir) {
    Map<String, byte[]> files = new TreeMap<>();
    read(dir.resolve(RULES), ".drl", RULES, files);
    read(dir.resolve(TABLES), ".xlsx", TABLES, files);
    return new PolicyFiles(dir.toAbsolutePath().normalize().toString(), files);
  }

  /** The policy shipped inside the jar (the pom copies rules/ and decision-tables/ there). */
  static PolicyFiles shipped() {
    var resolver = new PathMatchingResourcePatternResolver(PolicyFiles.class.getClassLoader());
    Map<String, byte[]> files = new TreeMap<>();
    try {
      for (String[] kind :
          List.of(new String[] {RULES, "*.drl"}, new String[] {TABLES, "*.xlsx"})) {
        for (Resource r : resolver.getResources("classpath*:policy/" + kind[0] + "/" + kind[1])) {
          String name = r.getFilename();
          if (name == null || isEditorLeftover(name)) {
            continue;
          }
          try (InputStream in = r.getInputStream()) {
            files.put(kind[0] + "/" + name, in.readAllBytes());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the policy shipped in the jar", e);
    }
    return new PolicyFiles("the policy shipped with Rebound (classpath policy/)", files);
  }

  private static void read(Path folder, String suffix, String prefix, Map<String, byte[]> into) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> list = Files.list(folder)) {
      for (Path p : list.sorted().toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(suffix) && !isEditorLeftover(name) && Files.isRegularFile(p)) {
          into.put(prefix + "/" + name, Files.readAllBytes(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + folder, e);
    }
  }

  /** Excel and LibreOffice leave lock files next to an open workbook. */
  private static boolean isEditorLeftover(String name) {
    return name.startsWith("~$") || name.startsWith(".~lock");
  }

  Map<String, byte[]> workbooks() {
    return subset(TABLES + "/");
  }

  Map<String, byte[]> ruleFiles() {
    return subset(RULES + "/");
  }

  private Map<String, byte[]> subset(String prefix) {
    Map<String, byte[]> out = new TreeMap<>();
    files.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            out.put(k, v);
          }
        });
    return out;
  }

  /** Content hash of every policy file and its name: the same files give the same version. */
  String version() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (var e : files.entrySet()) {
        sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(e.getValue());
        sha.update((byte) 0);
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
