package io.rebound.connector;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the azure-identity credential that {@link AdfProperties#credential()} names, pointed at
 * the configured authority host and sending its requests through the JDK's own HTTP client.
 *
 * <p>MSAL, under azure-identity, accepts only an https authority and, for a host it does not know,
 * first asks login.microsoftonline.com whether the host is a real Azure AD instance. A stand-in
 * authority therefore needs https with a certificate Rebound trusts ({@code
 * authority-certificate}), and instance discovery is switched off for every host that is not one of
 * Azure's own clouds: there is nothing to discover on a stand-in, and a sovereign or private cloud
 * is named by ops on purpose.
 */
final class AzureCredentials {

  /** The public and sovereign clouds' login hosts, where MSAL's instance discovery works. */
  private static final Set<String> AZURE_CLOUD_HOSTS =
      Set.of(
          "login.microsoftonline.com",
          "login.chinacloudapi.cn",
          "login.microsoftonline.us",
          "login.partner.microsoftonline.cn");

  /**
   * One retry for a blip; the executor's own bounded, scheduled retries handle longer outages
   * without holding a worker thread in azure-core's backoff (three retries take about 13 s).
   */
  private static final int RETRIES = 1;

  private AzureCredentials() {}

  /** Checks the settings the chosen credential needs, before any network call. */
  static void requireConfigured(AdfProperties p) {
    List<String> missing = new ArrayList<>();
    switch (p.credential()) {
      case CLIENT_SECRET -> {
        need(missing, p.tenantId(), "AZURE_TENANT_ID");
        need(missing, p.clientId(), "AZURE_CLIENT_ID");
        need(missing, p.clientSecret(), "AZURE_CLIENT_SECRET");
      }
      case WORKLOAD_IDENTITY -> {
        need(missing, p.tenantId(), "AZURE_TENANT_ID");
        need(missing, p.clientId(), "AZURE_CLIENT_ID");
        need(missing, p.federatedTokenFile(), "AZURE_FEDERATED_TOKEN_FILE");
      }
      case MANAGED_IDENTITY, DEFAULT -> {
        // a system-assigned identity or the chain need nothing from us
      }
    }
    if (!missing.isEmpty()) {
      throw new ConnectorException(
          AdfClient.PLATFORM,
          "Azure is not configured for credential "
              + name(p.credential())
              + ": set "
              + String.join(", ", missing),
          false,
          null,
          null,
          null);
    }
    if (!p.authorityHost().toLowerCase(Locale.ROOT).startsWith("https://")) {
      throw new ConnectorException(
          AdfClient.PLATFORM,
          "AZURE_AUTHORITY_HOST must be an https address (Azure AD's sign-in library refuses"
              + " anything else): "
              + p.authorityHost(),
          false,
          null,
          null,
          null);
    }
  }

  static TokenCredential build(AdfProperties p, ConnectorTimeouts timeouts) {
    requireConfigured(p);
    HttpClient http = httpClient(p, timeouts);
    boolean discover = AZURE_CLOUD_HOSTS.contains(host(p.authorityHost()));
    return switch (p.credential()) {
      case CLIENT_SECRET -> {
        ClientSecretCredentialBuilder b =
            new ClientSecretCredentialBuilder()
                .maxRetry(RETRIES)
                .authorityHost(p.authorityHost())
                .tenantId(p.tenantId())
                .clientId(p.clientId())
                .clientSecret(p.clientSecret())
                .httpClient(http);
        yield (discover ? b : b.disableInstanceDiscovery()).build();
      }
      case WORKLOAD_IDENTITY -> {
        WorkloadIdentityCredentialBuilder b =
            new WorkloadIdentityCredentialBuilder()
                .maxRetry(RETRIES)
                .authorityHost(p.authorityHost())
                .tenantId(p.tenantId())
                .clientId(p.clientId())
                .tokenFilePath(p.federatedTokenFile())
                .httpClient(http);
        yield (discover ? b : b.disableInstanceDiscovery()).build();
      }
      case MANAGED_IDENTITY -> {
        ManagedIdentityCredentialBuilder b =
            new ManagedIdentityCredentialBuilder().maxRetry(RETRIES).httpClient(http);
        yield (blank(p.clientId()) ? b : b.clientId(p.clientId())).build();
      }
      case DEFAULT -> {
        DefaultAzureCredentialBuilder b =
            new DefaultAzureCredentialBuilder()
                .maxRetry(RETRIES)
                .authorityHost(p.authorityHost())
                .configuration(chainConfiguration(p))
                .httpClient(http);
        if (!blank(p.tenantId())) {
          b.tenantId(p.tenantId());
        }
        if (!blank(p.clientId())) {
          b.managedIdentityClientId(p.clientId()).workloadIdentityClientId(p.clientId());
        }
        yield (discover ? b : b.disableInstanceDiscovery()).build();
      }
    };
  }

  /**
   * The chain reads AZURE_* itself; handing it Rebound's resolved values makes the chain see the
   * same settings (including those given as rebound.adf.* properties) as the other credentials.
   */
  private static Configuration chainConfiguration(AdfProperties p) {
    ConfigurationBuilder c = new ConfigurationBuilder();
    put(c, Configuration.PROPERTY_AZURE_TENANT_ID, p.tenantId());
    put(c, Configuration.PROPERTY_AZURE_CLIENT_ID, p.clientId());
    put(c, Configuration.PROPERTY_AZURE_CLIENT_SECRET, p.clientSecret());
    put(c, Configuration.PROPERTY_AZURE_AUTHORITY_HOST, p.authorityHost());
    put(c, "AZURE_FEDERATED_TOKEN_FILE", p.federatedTokenFile());
    return c.build();
  }

  private static void put(ConfigurationBuilder c, String name, String value) {
    if (!blank(value)) {
      c.putProperty(name, value);
    }
  }

  private static HttpClient httpClient(AdfProperties p, ConnectorTimeouts timeouts) {
    java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
    if (p.authorityCertificate() != null) {
      jdk.sslContext(trusting(p));
    }
    return new JdkHttpClientBuilder(jdk)
        .connectionTimeout(timeouts.connectTimeout())
        .responseTimeout(timeouts.readTimeout())
        .build();
  }

  private static SSLContext trusting(AdfProperties p) {
    try (InputStream pem = p.authorityCertificate().getInputStream()) {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int n = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
        trusted.setCertificateEntry("authority-" + n++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConnectorException(
          AdfClient.PLATFORM,
          "rebound.adf.authority-certificate "
              + p.authorityCertificate().getDescription()
              + " is not a readable PEM certificate: "
              + e.getMessage(),
          false,
          null,
          null,
          null);
    }
  }

  static String name(AdfProperties.Credential credential) {
    return credential.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String host(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? "" : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static void need(List<String> missing, String value, String variable) {
    if (blank(value)) {
      missing.add(variable);
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
