package io.rebound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jar ops deploy (built by `mvn verify`, checked after `package`) carries no test stand-in: no
 * WireMock class (in its own jar or shaded into another) and nothing of the sandbox.
 */
class ProductionJarIT {

  private static final List<String> STAND_INS =
      List.of("com/github/tomakehurst/", "org/wiremock/", "wiremock/");

  @Test
  void theProductionJarHasNoWireMockAndNoSandbox() throws IOException {
    Path jar = productionJar();
    List<String> found = new ArrayList<>();
    boolean application = false;
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : file.stream().toList()) {
        String name = entry.getName();
        application |= name.equals("BOOT-INF/classes/io/rebound/ReboundApplication.class");
        if (name.startsWith("BOOT-INF/classes/io/rebound/remediation/sandbox/")
            || name.startsWith("BOOT-INF/classes/sandbox/")
            || name.equals("BOOT-INF/classes/application-sandbox.yml")
            || name.matches("BOOT-INF/lib/wiremock.*")
            || isStandIn(name)) {
          found.add(name);
        } else if (name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
          try (InputStream nested = file.getInputStream(entry)) {
            standInsInside(name, nested, found);
          }
        }
      }
    }
    assertThat(application).as("the jar holds the application itself").isTrue();
    assertThat(found).as("test stand-ins in " + jar.getFileName()).isEmpty();
  }

  private static void standInsInside(String jarName, InputStream nested, List<String> found)
      throws IOException {
    try (JarInputStream in = new JarInputStream(nested)) {
      for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
        if (isStandIn(entry.getName())) {
          found.add(jarName + "!/" + entry.getName());
          return;
        }
      }
    }
  }

  private static boolean isStandIn(String entry) {
    return entry.endsWith(".class") && STAND_INS.stream().anyMatch(entry::startsWith);
  }

  private static Path productionJar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("rebound-.*\\.jar"))
          .findFirst()
          .orElseThrow(
              () -> new AssertionError("No target/rebound-*.jar: run through `mvn verify`"));
    }
  }
}
