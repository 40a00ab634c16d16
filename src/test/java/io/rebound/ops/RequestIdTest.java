package io.rebound.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.LoopbackHttp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request id follows a webhook: the sender's X-Request-Id (or a new one) comes back in the answer
 * and is stored with the delivery, from where the audit trail leads to the decision and actions.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:request-id;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "rebound.security.api-tokens=viewer:viewer-token",
      "rebound.security.generated-secrets-file=target/request-id-test-generated-secrets.properties",
      "rebound.webhooks.azure-monitor.secret=azure-monitor-secret",
      "rebound.databricks.watch.cluster-ids="
    })
class RequestIdTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path ALERT =
      Path.of(
          "src/test/resources/shared/payloads/azure-monitor/"
              + "adf_log_alert_v2_copy_2200_blob_not_exist.json");

  @LocalServerPort int port;

  @Test
  void theSendersRequestIdComesBackAndIsStoredWithTheDelivery() throws Exception {
    HttpResponse<String> answer = postAlert(Map.of("X-Request-Id", "azmon-7f3a9c21"));
    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(answer.headers().firstValue("X-Request-Id")).hasValue("azmon-7f3a9c21");
    assertThat(storedHeaders(answer).path("X-Request-Id").asString()).isEqualTo("azmon-7f3a9c21");
  }

  @Test
  void withoutOneOrWithAnUnsafeOneReboundGivesANewIdAndStoresThatOne() throws Exception {
    for (Map<String, String> headers :
        java.util.List.of(
            Map.<String, String>of(), Map.of("X-Request-Id", "fake\"] INFO forged line"))) {
      HttpResponse<String> answer = postAlert(headers);
      assertThat(answer.statusCode()).isEqualTo(202);
      String id = answer.headers().firstValue("X-Request-Id").orElseThrow();
      assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      assertThat(storedHeaders(answer).path("X-Request-Id").asString()).isEqualTo(id);
    }
  }

  @Test
  void apiAnswersAndRefusalsCarryTheIdToo() throws Exception {
    HttpResponse<String> refused = new LoopbackHttp(port).get("/api/deliveries", null);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("X-Request-Id")).isPresent();
    HttpResponse<String> listed =
        new LoopbackHttp(port).get("/api/deliveries?limit=1", "viewer-token");
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.headers().firstValue("X-Request-Id")).isPresent();
  }

  private HttpResponse<String> postAlert(Map<String, String> extra) throws Exception {
    Map<String, String> headers = new java.util.HashMap<>(extra);
    headers.put("X-Api-Key", "azure-monitor-secret");
    return new LoopbackHttp(port)
        .postJson("/webhooks/azure-monitor", Files.readAllBytes(ALERT), headers);
  }

  private JsonNode storedHeaders(HttpResponse<String> accepted) throws Exception {
    String deliveryId = JSON.readTree(accepted.body()).path("deliveryId").asString();
    HttpResponse<String> delivery =
        new LoopbackHttp(port).get("/api/deliveries/" + deliveryId, "viewer-token");
    assertThat(delivery.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(delivery.body());
    assertThat(body.path("id").asString()).isEqualTo(deliveryId);
    return body.path("headers");
  }
}
