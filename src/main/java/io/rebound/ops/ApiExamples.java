package io.rebound.ops;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts a real answer beside each API operation that has one in {@code openapi/examples/}: answers
 * recorded from a running Rebound (the sandbox), so Swagger UI shows what on-call will actually
 * get. The file for {@code GET /api/incidents/{id}} is {@code get_api_incidents_{id}.json}. A test
 * checks each example still has the fields the live answer has.
 */
final class ApiExamples {

  static final String FOLDER = "openapi/examples/";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ApiExamples() {}

  static String fileName(PathItem.HttpMethod method, String path) {
    return method.name().toLowerCase(Locale.ROOT) + path.replace('/', '_') + ".json";
  }

  static void addTo(OpenAPI api) {
    if (api.getPaths() == null) {
      return;
    }
    api.getPaths()
        .forEach(
            (path, item) -> {
              for (Map.Entry<PathItem.HttpMethod, Operation> op :
                  item.readOperationsMap().entrySet()) {
                Object example = read(fileName(op.getKey(), path));
                if (example != null) {
                  attach(op.getValue(), example);
                }
              }
            });
  }

  private static void attach(Operation operation, Object example) {
    ApiResponses responses = operation.getResponses();
    if (responses == null) {
      responses = new ApiResponses();
      operation.setResponses(responses);
    }
    ApiResponse ok = responses.get("200");
    if (ok == null) {
      ok = new ApiResponse().description("OK");
      responses.addApiResponse("200", ok);
    }
    Content content = ok.getContent() == null ? new Content() : ok.getContent();
    MediaType json = content.get("application/json");
    if (json == null) {
      json = content.getOrDefault("*/*", new MediaType());
      content.remove("*/*");
      content.addMediaType("application/json", json);
    }
    json.addExamples("recorded", new Example().summary("A real answer").value(example));
    ok.setContent(content);
  }

  private static Object read(String name) {
    ClassPathResource resource = new ClassPathResource(FOLDER + name);
    if (!resource.exists()) {
      return null;
    }
    try (InputStream in = resource.getInputStream()) {
      return JSON.readValue(in, Object.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable API example " + name, e);
    }
  }
}
