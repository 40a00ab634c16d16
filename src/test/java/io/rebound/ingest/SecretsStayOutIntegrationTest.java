package io.rebound.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * No secret, in any of the forms senders and API callers present one, ends up in the log (a whole
 * context run, with Rebound's and Spring's web and security loggers at DEBUG) or in what is kept of
 * a delivery (its headers and audit event, read through the API and from the tables). Runs on a
 * real H2 file database, whose folder and files must be the service user's alone.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "rebound.security.api-tokens=admin:Adm1n-Bearer-Secret,operator:0per-Bearer-Secret",
      "rebound.webhooks.azure-monitor.secret=AzMon-Hook-Secret-1",
      "rebound.webhooks.github.secret=GitHub-Hmac-Secret-2",
      "rebound.webhooks.gitlab.secret=GitLab-Token-Secret-3",
      // properties, not @DynamicPropertySource: the data folder is prepared before those exist
      "spring.datasource.url=jdbc:h2:file:./target/secrets-stay-out-it/data/rebound;MODE=PostgreSQL;"
          + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE",
      "rebound.security.generated-secrets-file=target/secrets-stay-out-it/data/generated.properties",
      "logging.level.io.rebound=DEBUG",
      "logging.level.org.springframework.web=DEBUG",
      "logging.level.org.springframework.security=DEBUG"
    })
class SecretsStayOutIntegrationTest {

  static final Path DATA = Path.of("target/secrets-stay-out-it/data");

  static {
    try { // a first start: H2 and the generated secrets create their files
      if (Files.exists(DATA)) {
        try (var files = Files.list(DATA)) {
          for (Path file : files.toList()) {
            Files.delete(file);
          }
        }
        Files.delete(DATA);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void noPresentedSecretReachesTheLogOrAStoredDelivery(CapturedOutput output) {
    TestHttp http = new TestHttp(port);
    byte[] alert = TestHttp.payload("azure-monitor/adf_metric_alert_pipeline_failed_runs.json");
    byte[] github = TestHttp.payload("cicd/github_workflow_run_failure.json");
    byte[] gitlab = TestHttp.payload("cicd/gitlab_pipeline_failed.json");
    String signature =
        "sha256="
            + HexFormat.of()
                .formatHex(WebhookAuthenticator.hmacSha256("GitHub-Hmac-Secret-2", github));
    String wrongSignature = "sha256=" + "ab12".repeat(16);
    List<String> secrets =
        List.of(
            "Adm1n-Bearer-Secret",
            "0per-Bearer-Secret",
            "Wr0ng-Bearer-Guess",
            "AzMon-Hook-Secret-1",
            "AzMon-Wr0ng-Guess",
            "GitHub-Hmac-Secret-2",
            signature.substring("sha256=".length()),
            wrongSignature.substring("sha256=".length()),
            "GitLab-Token-Secret-3",
            "GitLab-Wr0ng-Guess");

    List<TestHttp.Response> accepted = new ArrayList<>();
    accepted.add(
        http.post("/webhooks/azure-monitor", alert, Map.of("X-Api-Key", "AzMon-Hook-Secret-1")));
    accepted.add(http.post("/webhooks/azure-monitor?token=AzMon-Hook-Secret-1", alert, Map.of()));
    accepted.add(http.post("/azure-monitor?token=AzMon-Hook-Secret-1", alert, Map.of()));
    accepted.add(
        http.post(
            "/webhooks/github",
            github,
            Map.of("X-Hub-Signature-256", signature, "X-GitHub-Event", "workflow_run")));
    accepted.add(
        http.post("/webhooks/gitlab", gitlab, Map.of("X-Gitlab-Token", "GitLab-Token-Secret-3")));
    List<TestHttp.Response> refused = new ArrayList<>();
    refused.add(
        http.post("/webhooks/azure-monitor", alert, Map.of("X-Api-Key", "AzMon-Wr0ng-Guess")));
    refused.add(http.post("/webhooks/azure-monitor?token=AzMon-Wr0ng-Guess", alert, Map.of()));
    refused.add(
        http.post(
            "/webhooks/github",
            github,
            Map.of("X-Hub-Signature-256", wrongSignature, "X-GitHub-Event", "workflow_run")));
    refused.add(
        http.post("/webhooks/gitlab", gitlab, Map.of("X-Gitlab-Token", "GitLab-Wr0ng-Guess")));
    // a request line Tomcat cannot parse: it would log the whole target, ?token= included
    io.rebound.RawHttp.Answer unparsable =
        new io.rebound.RawHttp(port)
            .send("POST", "/webhooks/azure-monitor?token=AzMon-Hook-Secret-1|{}", Map.of(), alert);
    TestHttp.Response wrongBearer = http.get("/api/incidents", "Wr0ng-Bearer-Guess");
    TestHttp.Response operatorRead = http.get("/api/deliveries/refused", "0per-Bearer-Secret");

    accepted.forEach(r -> assertThat(r.status()).as(r.raw()).isEqualTo(202));
    refused.forEach(r -> assertThat(r.status()).as(r.raw()).isEqualTo(401));
    assertThat(unparsable.status()).isEqualTo(400);
    assertThat(wrongBearer.status()).isEqualTo(401);
    assertThat(operatorRead.status()).isEqualTo(200);
    assertThat(operatorRead.body().path("total").asLong()).isEqualTo(4);

    List<String> kept = new ArrayList<>();
    for (TestHttp.Response r : accepted) {
      JsonNode stored =
          http.get(
                  "/api/deliveries/" + r.body().path("deliveryId").asString(),
                  "Adm1n-Bearer-Secret")
              .body();
      assertThat(stored.path("headers").isObject()).as(stored.toString()).isTrue();
      kept.add(stored.path("headers").toString());
      kept.add(stored.path("endpoint").asString());
    }
    kept.addAll(jdbc.sql("SELECT headers FROM delivery").query(String.class).list());
    kept.addAll(jdbc.sql("SELECT endpoint FROM delivery").query(String.class).list());
    kept.addAll(jdbc.sql("SELECT details FROM audit_event").query(String.class).list());
    kept.addAll(jdbc.sql("SELECT actor FROM audit_event").query(String.class).list());
    kept.add(operatorRead.raw());
    assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery").query(Long.class).single()).isEqualTo(5);
    assertThat(String.join("\n", kept)).contains("workflow_run"); // the headers were read
    assertThat(output.getAll()).contains("Refused"); // the log was captured

    for (String secret : secrets) {
      assertThat(String.join("\n", kept)).as("kept with a delivery").doesNotContain(secret);
      assertThat(output.getAll()).as("in the log").doesNotContain(secret);
    }
  }

  @Test
  void theDatabaseFolderAndFilesAreTheServiceUsersAlone() throws IOException {
    if (!DATA.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return; // nothing to check without POSIX permissions
    }
    assertThat(Files.getPosixFilePermissions(DATA))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(DATA.resolve("rebound.mv.db")).exists();
    assertThat(Files.getPosixFilePermissions(DATA.resolve("rebound.mv.db")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(DATA.resolve("generated.properties")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }
}
