package io.rebound.remediation.sandbox;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells whoever started the sandbox where the dashboard is and which token to sign in with. Only
 * the sandbox's own published tokens (they start with "sandbox-") are printed: a real token
 * configured over the sandbox never reaches the log.
 */
@Component
@Profile("sandbox")
class SandboxWelcome {

  private static final Logger log = LoggerFactory.getLogger(SandboxWelcome.class);

  private final String tokens;

  SandboxWelcome(@Value("${rebound.security.api-tokens:}") String tokens) {
    this.tokens = tokens;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port");
    List<String> sandboxTokens = new ArrayList<>();
    for (String entry : tokens.split(",")) {
      String[] roleAndToken = entry.trim().split(":", 2);
      if (roleAndToken.length == 2 && roleAndToken[1].startsWith("sandbox-")) {
        sandboxTokens.add(roleAndToken[0] + " " + roleAndToken[1]);
      }
    }
    if (sandboxTokens.isEmpty()) {
      return;
    }
    log.info(
        "Sandbox ready: open http://localhost:{}/ and sign in with a sandbox token ({})",
        port,
        String.join(", ", sandboxTokens));
  }
}
