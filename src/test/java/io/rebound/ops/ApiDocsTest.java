package io.rebound.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.LoopbackHttp;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * /v3/api-docs describes every API endpoint the MVC controllers map and every webhook endpoint the
 * webhook servlet knows, and needs a viewer token.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:api-docs;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "rebound.security.api-tokens=viewer:viewer-token",
      "rebound.security.generated-secrets-file=target/api-docs-test-generated-secrets.properties",
      "rebound.databricks.watch.cluster-ids="
    })
class ApiDocsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mvc;

  @Test
  void theDescriptionAndSwaggerUiNeedAViewerToken() throws Exception {
    for (String path :
        new String[] {"/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html"}) {
      HttpResponse<String> anonymous = get(path, null);
      assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
      assertThat(JSON.readTree(anonymous.body()).path("error").asString())
          .isEqualTo("unauthorized");
    }
    HttpResponse<String> ui = get("/swagger-ui/index.html", "viewer-token");
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.body()).contains("swagger-ui");
  }

  @Test
  void everyApiEndpointOfTheControllersIsDescribed() throws Exception {
    JsonNode paths = apiDocs().path("paths");
    Set<String> mapped = new TreeSet<>();
    for (RequestMappingInfo info : mvc.getHandlerMethods().keySet()) {
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String path : info.getPatternValues()) {
        if (path.startsWith("/api/")) {
          for (RequestMethod method : methods) {
            mapped.add(method.name().toLowerCase(Locale.ROOT) + " " + path);
          }
        }
      }
    }
    Set<String> described = new TreeSet<>();
    paths
        .properties()
        .forEach(
            path -> {
              if (path.getKey().startsWith("/api/")) {
                path.getValue()
                    .propertyNames()
                    .forEach(method -> described.add(method + " " + path.getKey()));
              }
            });
    assertThat(mapped).as("the controllers map API endpoints").hasSizeGreaterThan(10);
    assertThat(described).isEqualTo(mapped);
  }

  @Test
  void everyWebhookEndpointOfTheServletIsDescribedWithItsAnswers() throws Exception {
    JsonNode paths = apiDocs().path("paths");
    // the servlet names its endpoints in the 404 it gives for an unknown one
    HttpResponse<String> unknown = post("/webhooks/no-such-endpoint");
    assertThat(unknown.statusCode()).isEqualTo(404);
    String detail = JSON.readTree(unknown.body()).path("detail").asString();
    Set<String> served =
        new HashSet<>(
            Arrays.asList(detail.substring(detail.indexOf("one of ") + 7).trim().split(",\\s*")));

    Set<String> described = new TreeSet<>();
    paths
        .propertyNames()
        .forEach(
            path -> {
              if (path.startsWith("/webhooks/")) {
                described.add(path.substring("/webhooks/".length()));
              }
            });
    assertThat(described).isEqualTo(served);

    for (String path : paths.propertyNames()) {
      if (path.startsWith("/api/")) {
        continue;
      }
      JsonNode post = paths.path(path).path("post");
      assertThat(post.path("tags").get(0).asString()).isEqualTo("Webhooks");
      if (path.equals("/webhooks/jira")) { // brings no failure: handled at once, nothing stored
        assertThat(post.path("responses").propertyNames()).contains("200", "400", "401", "413");
        assertThat(post.path("security").isArray() && post.path("security").isEmpty()).isTrue();
        assertThat(post(path).statusCode()).as(path).isEqualTo(401);
        continue;
      }
      assertThat(post.path("responses").propertyNames())
          .as(path)
          .contains("202", "400", "401", "413", "422", "503");
      assertThat(
              post.path("responses")
                  .path("202")
                  .path("content")
                  .path("application/json")
                  .path("schema")
                  .path("properties")
                  .propertyNames())
          .containsExactlyInAnyOrder("deliveryId", "incidentId", "status");
      assertThat(post.path("security").isArray() && post.path("security").isEmpty())
          .as(path + " takes no bearer token")
          .isTrue();
      // the servlet really serves it: without credentials the answer is 401, not 404
      HttpResponse<String> answer = post(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(401);
      assertThat(JSON.readTree(answer.body()).path("error").asString()).isEqualTo("unauthorized");
    }
    assertThat(paths.has("/azure-monitor")).isTrue();
    assertThat(paths.has("/databricks-monitor")).isTrue();
  }

  private JsonNode apiDocs() throws Exception {
    HttpResponse<String> response = get("/v3/api-docs", "viewer-token");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode docs = JSON.readTree(response.body());
    assertThat(docs.path("openapi").asString()).startsWith("3.");
    assertThat(docs.path("components").path("securitySchemes").has("apiToken")).isTrue();
    return docs;
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return new LoopbackHttp(port).get(path, token);
  }

  private HttpResponse<String> post(String path) throws Exception {
    return new LoopbackHttp(port).postJson(path, "{}".getBytes(), Map.of());
  }
}
