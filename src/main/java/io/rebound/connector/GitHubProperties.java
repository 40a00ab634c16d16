package io.rebound.connector;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * GitHub Actions REST API.
 *
 * @param apiUrl https://api.github.com, or a GitHub Enterprise Server's https://HOST/api/v3
 * @param token GITHUB_TOKEN; needs actions:write on the repositories; never logged
 * @param apiVersion value of the X-GitHub-Api-Version header
 */
@ConfigurationProperties("rebound.github")
record GitHubProperties(
    @DefaultValue("https://api.github.com") String apiUrl,
    String token,
    @DefaultValue("2022-11-28") String apiVersion) {

  @Override
  public String toString() {
    return "GitHubProperties[apiUrl=" + apiUrl + ", token=***, apiVersion=" + apiVersion + "]";
  }
}
