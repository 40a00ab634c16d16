package io.rebound.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The shared platform payloads (src/test/resources/shared/payloads), read as they are on disk. */
final class Payloads {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path ROOT = Path.of("src", "test", "resources", "shared", "payloads");

  private Payloads() {}

  static String text(String relative) {
    try {
      return Files.readString(ROOT.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String relative) {
    return JSON.readTree(text(relative));
  }

  /** One named entry of a file that holds several exchanges, as a JSON string. */
  static String entry(String relative, String... path) {
    JsonNode node = json(relative);
    for (String step : path) {
      node = node.required(step);
    }
    return JSON.writeValueAsString(node);
  }

  /** An error answer from databricks_api_errors.json with its status, headers and body. */
  static ResponseDefinitionBuilder databricksError(String name) {
    JsonNode error = json("databricks/databricks_api_errors.json").required(name);
    ResponseDefinitionBuilder response =
        aResponse()
            .withStatus(error.required("status").asInt())
            .withBody(JSON.writeValueAsString(error.required("body")));
    error
        .path("headers")
        .properties()
        .forEach(h -> response.withHeader(h.getKey(), h.getValue().asString()));
    if (error.path("headers").path("Content-Type").isMissingNode()) {
      response.withHeader("Content-Type", "application/json");
    }
    return response;
  }
}
