package io.rebound.connector;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * GitLab REST API v4.
 *
 * @param url https://gitlab.com or a self-managed instance's base URL
 * @param token GITLAB_TOKEN (sent as PRIVATE-TOKEN); needs the api scope; never logged
 */
@ConfigurationProperties("rebound.gitlab")
record GitLabProperties(@DefaultValue("https://gitlab.com") String url, String token) {

  @Override
  public String toString() {
    return "GitLabProperties[url=" + url + ", token=***]";
  }
}
