package io.rebound.connector;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * A WireMock Azure AD on https, as MSAL insists, with the sandbox's stand-in certificate (the same
 * files the sandbox profile uses): Rebound trusts it through rebound.adf.authority-certificate.
 */
final class StandInAuthority {

  static final String KEYSTORE = "sandbox/tls/standin-tls.p12";
  static final String KEYSTORE_PASSWORD = "sandbox-only";
  static final Resource CERTIFICATE = new ClassPathResource("sandbox/tls/standin-tls.pem");

  private StandInAuthority() {}

  /** Plain http for the ARM stand-in, https for the authority, on one server. */
  static WireMockServer server() {
    return new WireMockServer(
        options()
            .dynamicPort()
            .dynamicHttpsPort()
            .bindAddress("127.0.0.1")
            .keystorePath(KEYSTORE)
            .keystoreType("PKCS12")
            .keystorePassword(KEYSTORE_PASSWORD)
            .keyManagerPassword(KEYSTORE_PASSWORD));
  }

  static String authorityHost(WireMockServer server) {
    return "https://localhost:" + server.httpsPort();
  }
}
