package io.rebound.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whatever reaches the server answers JSON 4xx with the API's error shape, never 500, never HTML:
 * {@code /error} asked for directly, unknown paths, undecodable escapes in the path or the query,
 * on the API and on the webhooks.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "rebound.security.api-tokens=viewer:edge-viewer,operator:edge-operator",
      "rebound.webhooks.generic.secret=edge-generic",
      "rebound.security.generated-secrets-file=target/http-edge-it/secrets.properties",
      "spring.datasource.url=jdbc:h2:mem:http-edge;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
    })
class HttpEdgeIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;

  private RawHttp.Answer get(String target, Map<String, String> headers) {
    return new RawHttp(port).send("GET", target, headers, null);
  }

  private static JsonNode json(RawHttp.Answer answer, int status) {
    assertThat(answer.status()).as(answer.head() + "\n" + answer.body()).isEqualTo(status);
    assertThat(answer.head()).containsIgnoringCase("Content-Type: application/json");
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("error").asString()).isNotBlank();
    assertThat(body.path("detail").asString()).isNotBlank();
    return body;
  }

  @Test
  void errorAskedForDirectlyIs404ForAnyoneWithAnyMethod() {
    JsonNode anonymous = json(get("/error", Map.of()), 404);
    assertThat(anonymous.path("error").asString()).isEqualTo("not_found");
    assertThat(anonymous.path("detail").asString()).contains("/error");
    json(get("/error", Map.of("Authorization", "Bearer edge-viewer")), 404);
    json(new RawHttp(port).send("POST", "/error", Map.of(), new byte[0]), 404);
    json(new RawHttp(port).send("DELETE", "/error", Map.of(), null), 404);
  }

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  /** What SecurityConfig opens for the dashboard page on purpose. */
  private static final List<String> DASHBOARD = List.of("/", "/index.html", "/favicon.ico");

  /** The API description's own controllers (springdoc): behind a viewer token, checked below. */
  private static final List<String> API_DESCRIPTION =
      List.of(
          "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config", "/swagger-ui.html");

  /** Paths outside the security rules are open (for a plain 404): no controller may live there. */
  @Test
  void everyControllerPathIsUnderTheApiOrTheErrorPage() {
    assertThat(mappings.getHandlerMethods().keySet())
        .flatExtracting(info -> List.copyOf(info.getPatternValues()))
        .isNotEmpty()
        .allSatisfy(
            pattern ->
                assertThat(
                        pattern.startsWith("/api/")
                            || pattern.equals("/error")
                            || DASHBOARD.contains(pattern)
                            || API_DESCRIPTION.contains(pattern))
                    .as(pattern)
                    .isTrue());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v3/api-docs",
        "/v3/api-docs.yaml",
        "/v3/api-docs/swagger-config",
        "/swagger-ui.html"
      })
  void theApiDescriptionNeedsAToken(String path) {
    json(get(path, Map.of()), 401);
  }

  /**
   * A parameter sent twice or of the wrong kind is named in words: the fuzzer found
   * "'[Ljava.lang.String;@6c02b169', expected a Integer" in this answer.
   */
  @Test
  void aParameterGivenTwiceOrOfTheWrongKindIsNamedInWords() {
    Map<String, String> viewer = Map.of("Authorization", "Bearer edge-viewer");
    JsonNode twice = json(get("/api/incidents?size=five&size=six", viewer), 400);
    assertThat(twice.path("detail").asString())
        .isEqualTo("Parameter 'size' was given 2 times; give it once");

    JsonNode notANumber = json(get("/api/incidents?size=ten", viewer), 400);
    assertThat(notANumber.path("detail").asString())
        .isEqualTo("Parameter 'size' has value 'ten', expected a whole number");
  }

  @Test
  void anUnknownPathIs404ForAnyone() {
    assertThat(json(get("/nothing/here", Map.of()), 404).path("detail").asString())
        .contains("/nothing/here");
    json(get("/api/nothing", Map.of("Authorization", "Bearer edge-viewer")), 404);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/incidents?status=%ff",
        "/api/incidents?status=%zz",
        "/api/deliveries?source=%e2%82",
        "/api/incidents?%ff=1",
        "/api/incidents?status=50%"
      })
  void anUndecodableQueryIs400NamingTheProblemNot409(String target) {
    JsonNode body = json(get(target, Map.of("Authorization", "Bearer edge-viewer")), 400);
    assertThat(body.path("error").asString()).isEqualTo("bad_encoding");
    assertThat(body.path("detail").asString()).contains("query string").contains("%");
  }

  @Test
  void anUndecodableQueryOnAWebhookIs400AndNeverEchoesTheToken() {
    RawHttp.Answer answer =
        new RawHttp(port)
            .send(
                "POST",
                "/webhooks/generic?token=edge-generic%ff",
                Map.of("Content-Type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8));
    JsonNode body = json(answer, 400);
    assertThat(body.path("error").asString()).isEqualTo("bad_encoding");
    assertThat(answer.body()).doesNotContain("edge-generic");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/incidents/%ff",
        "/webhooks/gen%ffric",
        "/api/incidents/a%2fb",
        "/a/../../etc/passwd",
        "/api/incidents/%zz",
        "/a//b"
      })
  void anUndecodableOrUnsafePathIs400Json(String target) {
    JsonNode body = json(get(target, Map.of("Authorization", "Bearer edge-viewer")), 400);
    assertThat(body.path("error").asString()).isEqualTo("bad_request");
    assertThat(body.path("detail").asString()).contains("address");
  }

  @Test
  void aMethodTomcatRefusesIs405Json() {
    RawHttp.Answer trace = new RawHttp(port).send("TRACE", "/webhooks/generic", Map.of(), null);
    assertThat(json(trace, 405).path("error").asString()).isEqualTo("method_not_allowed");
  }

  @Test
  void aFormBodyThatCannotBeDecodedIs400Not409() {
    RawHttp.Answer answer =
        new RawHttp(port)
            .send(
                "POST",
                "/api/decisions/evaluate",
                Map.of(
                    "Authorization", "Bearer edge-operator",
                    "Content-Type", "application/x-www-form-urlencoded"),
                "a=%ff".getBytes(StandardCharsets.UTF_8));
    assertThat(json(answer, 400).path("error").asString()).isEqualTo("bad_encoding");
  }
}
