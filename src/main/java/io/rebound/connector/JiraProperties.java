package io.rebound.connector;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Jira Cloud's REST API, reached with an Atlassian account's email and API token (basic auth, as
 * Atlassian documents for scripts). Empty base URL: no Jira.
 *
 * @param baseUrl the site, for example https://your-team.atlassian.net
 * @param email the Atlassian account the issues are created by
 * @param apiToken that account's API token; never logged
 */
@ConfigurationProperties("rebound.jira")
record JiraProperties(String baseUrl, String email, String apiToken) {

  boolean configured() {
    return baseUrl != null && !baseUrl.isBlank();
  }

  @Override
  public String toString() {
    return "JiraProperties[baseUrl=" + baseUrl + ", email=" + email + ", apiToken=***]";
  }
}
