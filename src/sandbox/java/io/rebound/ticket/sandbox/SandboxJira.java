package io.rebound.ticket.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Jira Cloud's issue and comment endpoints on {@code rebound.sandbox.jira-port}. Each created issue
 * gets its own key (SBX- and six random digits), so every escalation has an issue of its own; the
 * answers are Atlassian's documented 201 examples (sandbox/jira_*.json).
 */
@Component
@Profile("sandbox")
class SandboxJira implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(SandboxJira.class);

  private final WireMockServer server;

  SandboxJira(@Value("${rebound.sandbox.jira-port:9105}") int port) {
    server =
        new WireMockServer(options().port(port).bindAddress("127.0.0.1").globalTemplating(true));
    server.start();
    String created =
        read("jira_create_issue_201.json")
            .replace("ED-24", "SBX-{{randomValue length=6 type='NUMERIC'}}")
            .replace("\"10000\"", "\"{{randomValue length=6 type='NUMERIC'}}\"");
    server.stubFor(
        post(urlPathEqualTo("/rest/api/3/issue"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(created)));
    // a retry first looks for an issue an earlier try created: the stand-in never loses one
    server.stubFor(
        get(urlPathEqualTo("/rest/api/3/search/jql"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"isLast\": true, \"issues\": []}")));
    server.stubFor(
        post(urlPathMatching("/rest/api/3/issue/[^/]+/comment"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(read("jira_add_comment_201.json"))));
    log.info("Sandbox Jira answering on :{}", port);
  }

  private static String read(String name) {
    try (InputStream in = SandboxJira.class.getResourceAsStream("/sandbox/" + name)) {
      if (in == null) {
        throw new IllegalStateException("Sandbox payload " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void destroy() {
    server.stop();
  }
}
