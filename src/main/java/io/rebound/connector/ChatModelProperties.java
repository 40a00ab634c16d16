package io.rebound.connector;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * An OpenAI-compatible chat-completions endpoint ({@code rebound.ai.*}): OpenAI itself, Azure
 * OpenAI or Ollama. Only the address and the credential differ between them.
 *
 * @param provider openai (also any OpenAI-compatible server), azure-openai or ollama
 * @param baseUrl https://api.openai.com; https://RESOURCE.openai.azure.com; http://localhost:11434
 * @param apiKey OpenAI's key (Bearer) or Azure OpenAI's key (api-key header); never logged; none
 *     for Ollama
 * @param model the model name (OpenAI, Ollama); Azure OpenAI takes the deployment instead
 * @param azureDeployment Azure OpenAI's deployment name
 * @param azureApiVersion Azure OpenAI's api-version
 * @param timeout how long one answer may take; a summary is never worth holding a thread longer
 */
@ConfigurationProperties("rebound.ai")
record ChatModelProperties(
    String provider,
    String baseUrl,
    String apiKey,
    String model,
    String azureDeployment,
    String azureApiVersion,
    Duration timeout) {

  ChatModelProperties {
    provider = provider == null || provider.isBlank() ? "openai" : provider.trim();
    azureApiVersion =
        azureApiVersion == null || azureApiVersion.isBlank() ? "2024-10-21" : azureApiVersion;
    timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
  }

  @Override
  public String toString() {
    return "ChatModelProperties[provider=" + provider + ", baseUrl=" + baseUrl + ", apiKey=***]";
  }
}
