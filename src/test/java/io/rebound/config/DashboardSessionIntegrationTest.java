package io.rebound.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.DashboardClient;
import io.rebound.DashboardClient.Answer;
import io.rebound.DashboardClient.Session;
import io.rebound.DashboardTestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's sign-in over real HTTP: an API token becomes a session cookie holding its role;
 * changes riding on that cookie need the CSRF token; bearer-token clients work as before, without
 * CSRF and without a session.
 */
@DashboardTestContext
class DashboardSessionIntegrationTest {

  @LocalServerPort int port;

  private DashboardClient client() {
    return new DashboardClient(port);
  }

  private static JsonNode error(Answer answer, int status, String error) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).contains("application/json");
    JsonNode body = answer.json();
    assertThat(body.path("error").asString()).isEqualTo(error);
    assertThat(body.path("detail").asString()).isNotBlank();
    return body;
  }

  @Test
  void thePageLoadsWithoutATokenRunsOnlyItsOwnScriptAndHoldsNoData() {
    Answer page = client().send("GET", "/", null, Map.of());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).contains("<script src=\"/assets/app.js\"").doesNotContain("<script>");
    assertThat(page.header("Content-Security-Policy"))
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(page.header("Set-Cookie")).isNull();
    Answer script = client().send("GET", "/assets/app.js", null, Map.of());
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.body()).contains("/api/session");
  }

  @Test
  void signingInSetsAnHttpOnlyStrictCookieAndNeverEchoesTheToken() {
    Answer answer =
        client().send("POST", "/api/session", "{\"token\":\"dash-approver\"}", Map.of());

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("role").asString()).isEqualTo("approver");
    assertThat(answer.json().path("name").asString()).startsWith("approver-");
    assertThat(answer.body()).doesNotContain("dash-approver");
    String cookie = answer.header("Set-Cookie");
    assertThat(cookie)
        .startsWith("REBOUND_SESSION=")
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Strict");
  }

  @Test
  void aWrongOrMissingTokenIsRefusedWithoutASession() {
    Answer wrong = client().send("POST", "/api/session", "{\"token\":\"guess\"}", Map.of());
    error(wrong, 401, "unauthorized");
    assertThat(wrong.header("Set-Cookie")).isNull();
    error(client().send("POST", "/api/session", "{}", Map.of()), 400, "token_required");
    assertThat(client().send("GET", "/api/session", null, Map.of()).status()).isEqualTo(401);
  }

  @Test
  void theSessionKeepsTheRoleAndHandsOutACsrfToken() {
    Session viewer = client().signIn("dash-viewer");

    JsonNode me = client().send("GET", "/api/session", null, viewer.cookieOnly()).json();
    assertThat(me.path("role").asString()).isEqualTo("viewer");
    assertThat(viewer.csrfHeader()).isEqualTo("X-CSRF-TOKEN");
    assertThat(viewer.csrfToken()).hasSizeGreaterThan(20);
    Answer incidents = client().send("GET", "/api/incidents", null, viewer.cookieOnly());
    assertThat(incidents.status()).isEqualTo(200);
    assertThat(incidents.json().path("items").isArray()).isTrue();
  }

  @Test
  void aViewerSessionChangesNothingEvenWithTheCsrfToken() {
    Session viewer = client().signIn("dash-viewer");

    error(
        client().send("POST", "/api/breakers/databricks/reset", "{}", viewer.withCsrf()),
        403,
        "forbidden");
    error(
        client()
            .send("PUT", "/api/remediation/kill-switch", "{\"enabled\":false}", viewer.withCsrf()),
        403,
        "forbidden");
  }

  @Test
  void aChangeRidingOnTheCookieNeedsTheCsrfToken() {
    Session operator = client().signIn("dash-operator");

    error(
        client().send("POST", "/api/breakers/no-such-breaker/reset", "{}", operator.cookieOnly()),
        403,
        "csrf");
    Map<String, String> wrongToken = Map.of("Cookie", operator.cookie(), "X-CSRF-TOKEN", "forged");
    error(
        client().send("POST", "/api/breakers/no-such-breaker/reset", "{}", wrongToken),
        403,
        "csrf");
    // with the token the request reaches the breaker API, which knows no such breaker
    Answer reached =
        client().send("POST", "/api/breakers/no-such-breaker/reset", "{}", operator.withCsrf());
    assertThat(reached.status()).as(reached.body()).isEqualTo(404);
    assertThat(reached.body()).contains("no-such-breaker");
  }

  @Test
  void bearerClientsNeedNoCsrfAndGetNoSession() {
    Answer answer =
        client()
            .send(
                "POST",
                "/api/breakers/no-such-breaker/reset",
                "{}",
                Map.of("Authorization", "Bearer dash-operator"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(404);
    assertThat(answer.header("Set-Cookie")).isNull();
    Answer read =
        client().send("GET", "/api/incidents", null, Map.of("Authorization", "Bearer dash-viewer"));
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.header("Set-Cookie")).isNull();
  }

  @Test
  void aWrongBearerTokenIsNotRescuedByASessionCookie() {
    Session admin = client().signIn("dash-admin");
    Map<String, String> both = Map.of("Cookie", admin.cookie(), "Authorization", "Bearer guess");

    error(client().send("GET", "/api/incidents", null, both), 401, "unauthorized");
    error(
        client().send("PUT", "/api/remediation/kill-switch", "{\"enabled\":false}", both),
        401,
        "unauthorized");
  }

  @Test
  void signingInAgainGivesANewSessionIdAndSigningOutEndsIt() {
    Session first = client().signIn("dash-viewer");
    Answer again =
        client().send("POST", "/api/session", "{\"token\":\"dash-admin\"}", first.cookieOnly());
    assertThat(again.status()).isEqualTo(200);
    String second = again.header("Set-Cookie").split(";", 2)[0];
    assertThat(second).isNotEqualTo(first.cookie());
    // the planted/old id no longer signs anyone in
    assertThat(client().send("GET", "/api/incidents", null, first.cookieOnly()).status())
        .isEqualTo(401);

    Session admin = client().signIn("dash-admin");
    error(client().send("DELETE", "/api/session", null, admin.cookieOnly()), 403, "csrf");
    assertThat(client().send("DELETE", "/api/session", null, admin.withCsrf()).status())
        .isEqualTo(204);
    error(client().send("GET", "/api/incidents", null, admin.cookieOnly()), 401, "unauthorized");
    // a change on an ended session asks for a sign-in, not for a CSRF token
    error(
        client().send("POST", "/api/breakers/no-such-breaker/reset", "{}", admin.cookieOnly()),
        401,
        "unauthorized");
  }
}
