package io.rebound.connector;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Azure Data Factory through Azure Resource Manager, with a service principal's client secret.
 *
 * @param managementUrl ARM base URL
 * @param authorityHost Azure AD login host (AZURE_AUTHORITY_HOST)
 * @param tenantId AZURE_TENANT_ID
 * @param clientId AZURE_CLIENT_ID
 * @param clientSecret AZURE_CLIENT_SECRET; never logged
 * @param subscriptionId AZURE_SUBSCRIPTION_ID, used when the alert carries no resource id
 * @param resourceGroup default resource group of the factory
 * @param factory default factory name
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
    String factory) {

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
        + "]";
  }
}
