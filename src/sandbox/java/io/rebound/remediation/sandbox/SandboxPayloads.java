package io.rebound.remediation.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Reads a payload file by name: from the shared payloads folder when the service runs from a
 * checkout next to it, else from the copy inside the jar (src/main/resources/sandbox).
 */
final class SandboxPayloads {

  private final Path folder;

  SandboxPayloads(String folder) {
    this.folder = Path.of(folder);
  }

  String read(String fileName) {
    if (Files.isDirectory(folder)) {
      try (Stream<Path> files = Files.walk(folder)) {
        Path found =
            files.filter(p -> p.getFileName().toString().equals(fileName)).findFirst().orElse(null);
        if (found != null) {
          return Files.readString(found);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try (InputStream in = SandboxPayloads.class.getResourceAsStream("/sandbox/" + fileName)) {
      if (in == null) {
        throw new IllegalStateException("Sandbox payload " + fileName + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
