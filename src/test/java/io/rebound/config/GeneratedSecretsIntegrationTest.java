package io.rebound.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With no secret configured at all, the service makes its own, keeps them in an owner-only file,
 * logs only the file's path, and accepts nothing without them.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "rebound.security.generated-secrets-file=target/generated-secrets-it/secrets.properties",
      "spring.datasource.url=jdbc:h2:mem:generated-secrets;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
    })
class GeneratedSecretsIntegrationTest {

  static final Path FILE = Path.of("target/generated-secrets-it/secrets.properties");

  static {
    try {
      Files.deleteIfExists(FILE); // first start: nothing generated yet
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @LocalServerPort int port;

  @Test
  void secretsAreGeneratedIntoAnOwnerOnlyFileAndNeverLogged(CapturedOutput output)
      throws Exception {
    Properties secrets = new Properties();
    try (Reader reader = Files.newBufferedReader(FILE)) {
      secrets.load(reader);
    }
    assertThat(Files.getPosixFilePermissions(FILE))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(secrets.stringPropertyNames()).containsAll(GeneratedSecrets.KEYS);
    String adminToken =
        secrets.getProperty("rebound.security.api-tokens").substring("admin:".length());
    String webhookSecret = secrets.getProperty("rebound.webhooks.generic.secret");
    assertThat(adminToken).hasSizeGreaterThanOrEqualTo(32);

    HttpClient client = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + port;
    int anonymous =
        status(client, HttpRequest.newBuilder(URI.create(base + "/api/incidents")).GET());
    int withToken =
        status(
            client,
            HttpRequest.newBuilder(URI.create(base + "/api/incidents"))
                .header("Authorization", "Bearer " + adminToken)
                .GET());
    int webhookWithout =
        status(
            client,
            HttpRequest.newBuilder(URI.create(base + "/webhooks/generic"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    int webhookWithGenerated =
        status(
            client,
            HttpRequest.newBuilder(URI.create(base + "/webhooks/generic"))
                .header("X-Api-Key", webhookSecret)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

    assertThat(anonymous).isEqualTo(401);
    assertThat(withToken).isEqualTo(200);
    assertThat(webhookWithout).isEqualTo(401);
    assertThat(webhookWithGenerated).isNotEqualTo(401);
    assertThat(output.getAll())
        .contains(FILE.toAbsolutePath().toString())
        .doesNotContain(adminToken)
        .doesNotContain(webhookSecret);
  }

  private static int status(HttpClient client, HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
