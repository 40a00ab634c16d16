package io.rebound.remediation.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Free ports for the sandbox's stand-in platforms, and the service pointed at them: a test with the
 * sandbox profile never collides with a sandbox someone is running on the default ports, nor with
 * another sandbox test's context still cached by Spring.
 */
public final class SandboxPorts {

  /** Where each stand-in listens in this test. */
  public record Ports(int databricks, int management, int login, int github, int jira) {}

  private SandboxPorts() {}

  public static Ports register(DynamicPropertyRegistry registry) {
    Ports p = new Ports(freePort(), freePort(), freePort(), freePort(), freePort());
    registry.add("rebound.sandbox.databricks-port", p::databricks);
    registry.add("rebound.sandbox.azure-management-port", p::management);
    registry.add("rebound.sandbox.azure-login-port", p::login);
    registry.add("rebound.sandbox.github-port", p::github);
    registry.add("rebound.sandbox.jira-port", p::jira);
    registry.add("rebound.databricks.host", () -> "http://127.0.0.1:" + p.databricks());
    registry.add("rebound.adf.management-url", () -> "http://127.0.0.1:" + p.management());
    registry.add("rebound.adf.authority-host", () -> "https://127.0.0.1:" + p.login());
    registry.add("rebound.github.api-url", () -> "http://127.0.0.1:" + p.github());
    registry.add("rebound.jira.base-url", () -> "http://127.0.0.1:" + p.jira());
    return p;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
