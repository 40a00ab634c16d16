package io.rebound.remediation.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Free ports for the sandbox's stand-in platforms, and the service pointed at them: a test with the
 * sandbox profile never collides with a sandbox someone is running on the default ports.
 */
public final class SandboxPorts {

  private SandboxPorts() {}

  public static void register(DynamicPropertyRegistry registry) {
    int databricks = freePort();
    int management = freePort();
    int login = freePort();
    int github = freePort();
    registry.add("rebound.sandbox.databricks-port", () -> databricks);
    registry.add("rebound.sandbox.azure-management-port", () -> management);
    registry.add("rebound.sandbox.azure-login-port", () -> login);
    registry.add("rebound.sandbox.github-port", () -> github);
    registry.add("rebound.databricks.host", () -> "http://127.0.0.1:" + databricks);
    registry.add("rebound.adf.management-url", () -> "http://127.0.0.1:" + management);
    registry.add("rebound.adf.authority-host", () -> "http://127.0.0.1:" + login);
    registry.add("rebound.github.api-url", () -> "http://127.0.0.1:" + github);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
