package io.rebound.ingest;

import io.rebound.ticket.JiraUpdates;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.ObjectMapper;

/**
 * The webhook servlet's mount points; the retry sweep and the cluster watch run on Spring's
 * scheduler.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IngestConfig {

  @Bean
  ServletRegistrationBean<WebhookServlet> webhookServlet(
      Intake intake,
      WebhookAuthenticator authenticator,
      RefusedRequests refused,
      IngestProperties properties,
      ObjectMapper json,
      JiraUpdates jira) {
    ServletRegistrationBean<WebhookServlet> registration =
        new ServletRegistrationBean<>(
            new WebhookServlet(intake, authenticator, refused, properties, json, jira),
            WebhookServlet.MAPPINGS);
    registration.setName("webhooks");
    registration.setLoadOnStartup(1);
    return registration;
  }
}
