package io.rebound.ingest;

import java.util.Arrays;
import java.util.Optional;

/**
 * The webhook endpoints, each named as the extractor's source and the secret's key. How a sender
 * proves itself differs: GitHub signs the body, GitLab sends its token header, everything else
 * sends {@code X-Api-Key} or, for Azure Monitor action groups that cannot set headers, {@code
 * ?token=}; Jira signs the body when its webhook has a secret, or sends {@code ?token=}.
 */
enum WebhookEndpoint {
  AZURE_MONITOR("azure-monitor", Auth.API_KEY),
  DATABRICKS("databricks", Auth.API_KEY),
  SYNAPSE("synapse", Auth.API_KEY),
  AZURE_FUNCTIONS("azure-functions", Auth.API_KEY),
  GITHUB("github", Auth.GITHUB_SIGNATURE),
  GITLAB("gitlab", Auth.GITLAB_TOKEN),
  JENKINS("jenkins", Auth.API_KEY),
  AZURE_DEVOPS("azure-devops", Auth.API_KEY),
  CIRCLECI("circleci", Auth.API_KEY),
  GENERIC("generic", Auth.API_KEY),
  /** Not a failure source: status changes of the Jira issues Rebound opened (see ticket). */
  JIRA("jira", Auth.JIRA_SIGNATURE);

  enum Auth {
    API_KEY,
    GITHUB_SIGNATURE,
    GITLAB_TOKEN,
    /** Jira admin webhooks with a secret sign the body (X-Hub-Signature); without one, ?token=. */
    JIRA_SIGNATURE
  }

  private final String id;
  private final Auth auth;

  WebhookEndpoint(String id, Auth auth) {
    this.id = id;
    this.auth = auth;
  }

  /** The extractor's source name and the key under rebound.webhooks. */
  String id() {
    return id;
  }

  Auth auth() {
    return auth;
  }

  static Optional<WebhookEndpoint> fromId(String id) {
    return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
  }
}
