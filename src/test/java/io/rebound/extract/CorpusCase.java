package io.rebound.extract;

import io.rebound.policy.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** One corpus file: a body, where it arrives, the platform's answers and what must be decided. */
record CorpusCase(
    String name, String family, String endpoint, JsonNode body, JsonNode platform, JsonNode file) {

  /** The extractor as shipped: with the field names of the shipped classification workbook. */
  static final DefaultFactExtractor EXTRACTOR =
      new DefaultFactExtractor(
          new EnvironmentResolver(EnvironmentProperties.allProduction()),
          FieldNamesSheet.fromPolicyDirectory(java.nio.file.Path.of("")));

  record Expect(boolean failure, String errorType, String action) {

    static Expect of(JsonNode e) {
      return new Expect(
          e.path("failure").asBoolean(), Json.text(e, "errorType"), Json.text(e, "action"));
    }
  }

  static List<CorpusCase> all(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".json"))
          .sorted()
          .map(p -> of(root.relativize(p).toString(), Payloads.parse(p)))
          .toList();
    }
  }

  static CorpusCase of(String name, JsonNode file) {
    return new CorpusCase(
        name,
        Json.text(file, "family"),
        Json.text(file, "endpoint"),
        file.path("body"),
        file.path("platform"),
        file);
  }

  List<Expect> expectations() {
    JsonNode all = file.path("expectAll");
    if (all.isArray() && !all.isEmpty()) {
      return Json.elements(all).map(Expect::of).toList();
    }
    return List.of(Expect.of(file.path("expect")));
  }

  /** What Rebound does first: null for no failure, "escalate" when no automatic action. */
  static String action(Decision decision) {
    if (!decision.failure()) {
      return null;
    }
    if (decision.playbook() == null || !decision.remediable()) {
      return "escalate";
    }
    return decision.playbook().action();
  }

  /**
   * A reader whose Databricks answers are the ones this file recorded (runs/get, runs/get-output,
   * clusters/get, libraries/cluster-status); without any, Databricks is not configured.
   */
  FactReader reader() {
    PlatformReads recorded =
        platform.isObject()
            ? new PlatformReads() {
              @Override
              public String runsGet(String runId) {
                return answer("runs/get");
              }

              @Override
              public String runsGetOutput(String runId) {
                return answer("runs/get-output");
              }

              @Override
              public String clustersGet(String clusterId) {
                return answer("clusters/get");
              }

              @Override
              public String librariesStatus(String clusterId) {
                return answer("libraries/cluster-status");
              }
            }
            : null;
    return new FactReader(EXTRACTOR, () -> recorded);
  }

  private String answer(String call) {
    JsonNode answer = platform.path(call);
    return answer.isObject() ? answer.toString() : null;
  }
}
