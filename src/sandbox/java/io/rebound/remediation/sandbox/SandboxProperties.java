package io.rebound.remediation.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Ports of the sandbox's stand-in platforms ({@code rebound.sandbox.*}); the connector base URLs in
 * application-sandbox.yml point at the same ports.
 *
 * @param payloads folder holding the shared payload files; when missing, the copies shipped in the
 *     jar under sandbox/ are used
 */
@ConfigurationProperties("rebound.sandbox")
record SandboxProperties(
    Integer databricksPort,
    Integer azureManagementPort,
    Integer azureLoginPort,
    Integer githubPort,
    String payloads) {

  SandboxProperties {
    databricksPort = databricksPort == null ? 9101 : databricksPort;
    azureManagementPort = azureManagementPort == null ? 9102 : azureManagementPort;
    azureLoginPort = azureLoginPort == null ? 9103 : azureLoginPort;
    githubPort = githubPort == null ? 9104 : githubPort;
    payloads = payloads == null ? "../shared/payloads" : payloads;
  }
}
