package io.rebound.connector;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Azure Data Factory through Azure Resource Manager, signed in through azure-identity.
 *
 * @param managementUrl ARM base URL
 * @param authorityHost Azure AD login host (AZURE_AUTHORITY_HOST); must be https
 * @param tenantId AZURE_TENANT_ID
 * @param clientId AZURE_CLIENT_ID: the app registration, or the user-assigned managed identity
 * @param clientSecret AZURE_CLIENT_SECRET, for credential client-secret only; never logged
 * @param subscriptionId AZURE_SUBSCRIPTION_ID, used when the alert carries no resource id
 * @param resourceGroup default resource group of the factory
 * @param factory default factory name
 * @param credential how Rebound signs in to Azure AD (REBOUND_ADF_CREDENTIAL)
 * @param federatedTokenFile AZURE_FEDERATED_TOKEN_FILE, for credential workload-identity
 * @param authorityCertificate a PEM certificate to trust for the authority host instead of the
 *     JVM's trust store: for a stand-in Azure AD (sandbox, tests) or a TLS-inspecting proxy
 */
@ConfigurationProperties("rebound.adf")
record AdfProperties(
    @DefaultValue("https://management.azure.com") String managementUrl,
    @DefaultValue("https://login.microsoftonline.com") String authorityHost,
    String tenantId,
    String clientId,
    String clientSecret,
    String subscriptionId,
    String resourceGroup,
    String factory,
    @DefaultValue("client-secret") Credential credential,
    String federatedTokenFile,
    Resource authorityCertificate) {

  /** The ways azure-identity can sign Rebound in; ops choose one, nothing is guessed. */
  enum Credential {
    /** A service principal's secret: AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET. */
    CLIENT_SECRET,
    /**
     * The VM's, App Service's or AKS node's identity; AZURE_CLIENT_ID picks a user-assigned one.
     */
    MANAGED_IDENTITY,
    /** AKS workload identity: a federated token file instead of a secret. */
    WORKLOAD_IDENTITY,
    /** azure-identity's DefaultAzureCredential chain (environment, workload, managed, CLI…). */
    DEFAULT
  }

  @ConstructorBinding
  AdfProperties {
    credential = credential == null ? Credential.CLIENT_SECRET : credential;
  }

  /** A client-secret setup without a custom authority certificate. */
  AdfProperties(
      String managementUrl,
      String authorityHost,
      String tenantId,
      String clientId,
      String clientSecret,
      String subscriptionId,
      String resourceGroup,
      String factory) {
    this(
        managementUrl,
        authorityHost,
        tenantId,
        clientId,
        clientSecret,
        subscriptionId,
        resourceGroup,
        factory,
        Credential.CLIENT_SECRET,
        null,
        null);
  }

  @Override
  public String toString() {
    return "AdfProperties[managementUrl="
        + managementUrl
        + ", authorityHost="
        + authorityHost
        + ", tenantId="
        + tenantId
        + ", clientId="
        + clientId
        + ", clientSecret=***"
        + ", subscriptionId="
        + subscriptionId
        + ", resourceGroup="
        + resourceGroup
        + ", factory="
        + factory
        + ", credential="
        + credential
        + ", federatedTokenFile="
        + federatedTokenFile
        + ", authorityCertificate="
        + authorityCertificate
        + "]";
  }
}
