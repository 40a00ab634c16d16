package io.rebound.extract;

import io.rebound.failure.FailureFact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the shared payload files (src/test/resources/shared/payloads) and this module's own
 * fixtures.
 */
final class Payloads {

  static final Path ROOT = Path.of("src", "test", "resources", "shared", "payloads");
  static final Path RECONSTRUCTED = Path.of("src", "test", "resources", "payloads");
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Payloads() {}

  static JsonNode shared(String relativePath) {
    return parse(ROOT.resolve(relativePath));
  }

  static JsonNode reconstructed(String fileName) {
    return parse(RECONSTRUCTED.resolve(fileName));
  }

  static JsonNode parse(Path file) {
    try {
      return MAPPER.readTree(Files.readString(file));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read payload " + file.toAbsolutePath(), e);
    }
  }

  static JsonNode json(String text) {
    return MAPPER.readTree(text);
  }

  /** An extractor with no mappings: everything resolves to production. */
  static DefaultFactExtractor extractor() {
    return new DefaultFactExtractor(new EnvironmentResolver(EnvironmentProperties.allProduction()));
  }

  static DefaultFactExtractor extractor(String defaultEnvironment, Map<String, String> mappings) {
    return new DefaultFactExtractor(
        new EnvironmentResolver(new EnvironmentProperties(defaultEnvironment, mappings)));
  }

  static FailureFact extract(String source, String relativePath) {
    return extractor().extract(source, shared(relativePath));
  }
}
