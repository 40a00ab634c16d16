package io.rebound.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends each notice to every configured channel on its own small thread pool, so neither the
 * remediation executor nor an HTTP request ever waits for Slack. A failed send is logged with the
 * channel name and status only: webhook URLs carry their secret in the path.
 */
@Component
class NotificationDispatcher implements IncidentNotifier, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

  private final List<Channel> channels = new ArrayList<>();
  private final HttpClient http;
  private final NotifyProperties properties;
  private final ExecutorService senders =
      Executors.newFixedThreadPool(
          2,
          runnable -> {
            Thread thread = new Thread(runnable, "rebound-notify");
            thread.setDaemon(true);
            return thread;
          });

  NotificationDispatcher(NotifyProperties properties) {
    this.properties = properties;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    JsonMapper json = JsonMapper.builder().build();
    if (isSet(properties.slack().webhookUrl())) {
      channels.add(
          new Channel(
              "slack",
              properties.slack().webhookUrl(),
              n -> json.writeValueAsString(Bodies.slack(n))));
    }
    if (isSet(properties.webhook().url())) {
      channels.add(
          new Channel(
              "webhook",
              properties.webhook().url(),
              n -> json.writeValueAsString(Bodies.generic(n))));
    }
  }

  @Override
  public void send(IncidentNotice notice) {
    for (Channel channel : channels) {
      try {
        senders.execute(() -> deliver(channel, notice));
      } catch (RuntimeException rejected) {
        log.warn(
            "Notification to {} for incident {} not sent: {}",
            channel.name,
            notice.incidentId(),
            rejected.toString());
      }
    }
  }

  private void deliver(Channel channel, IncidentNotice notice) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(channel.url))
              .timeout(properties.timeout())
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(channel.body.render(notice)))
              .build();
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() >= 300) {
        log.warn(
            "Notification to {} for incident {} was refused with HTTP {}",
            channel.name,
            notice.incidentId(),
            response.statusCode());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // the exception text of a failed connect can contain the URL, so only its type is logged
      log.warn(
          "Notification to {} for incident {} failed: {}",
          channel.name,
          notice.incidentId(),
          e.getClass().getSimpleName());
    }
  }

  @Override
  public void destroy() {
    senders.shutdown();
  }

  private static boolean isSet(String url) {
    return url != null && !url.isBlank();
  }

  private record Channel(String name, String url, BodyRenderer body) {}

  private interface BodyRenderer {
    String render(IncidentNotice notice);
  }
}
