package io.rebound.advice;

import io.rebound.connector.ChatCompletions;
import io.rebound.connector.ConnectorException;
import io.rebound.incident.IncidentSnapshot;
import io.rebound.incident.IncidentSnapshots;
import io.rebound.incident.IncidentStatus;
import io.rebound.incident.IncidentStatusChanged;
import io.rebound.incident.QuietAudit;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the model about each escalated incident once its escalation is committed, on one thread of
 * its own: the decision, the plan and the escalation are done and stored before the model is even
 * asked, so it cannot change or hold them. Within the caps (per incident, per day) and the timeout;
 * whatever happens is in the incident's audit trail ({@code ai.summary-written}, {@code
 * ai.skipped}, {@code ai.failed}). A summary lost to a restart is not asked for again: it is
 * advice.
 */
@Component
class AdviceWriter implements DisposableBean {

  static final String ACTOR = "rebound-ai";
  private static final Logger log = LoggerFactory.getLogger(AdviceWriter.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ChatCompletions model;
  private final IncidentSnapshots incidents;
  private final QuietAudit audit;
  private final AdviceStore store;
  private final AdviceProperties properties;
  private final Clock clock;
  private final ThreadPoolExecutor worker =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(100),
          runnable -> {
            Thread thread = new Thread(runnable, "rebound-ai");
            thread.setDaemon(true);
            return thread;
          });

  AdviceWriter(
      ChatCompletions model,
      IncidentSnapshots incidents,
      QuietAudit audit,
      AdviceStore store,
      AdviceProperties properties,
      Optional<Clock> clock) {
    this.model = model;
    this.incidents = incidents;
    this.audit = audit;
    this.store = store;
    this.properties = properties;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /** After the escalation's commit; a queue of 100 at most, beyond which advice is skipped. */
  @TransactionalEventListener(fallbackExecution = true)
  void onStatusChanged(IncidentStatusChanged change) {
    if (change.to() != IncidentStatus.ESCALATED || !properties.enabled() || !model.configured()) {
      return;
    }
    try {
      worker.execute(() -> advise(change.incidentId()));
    } catch (RejectedExecutionException full) {
      audit.record(change.incidentId(), ACTOR, "ai.skipped", "why", "too many summaries waiting");
    }
  }

  void advise(UUID incidentId) {
    try {
      write(incidentId);
    } catch (RuntimeException e) {
      log.warn("AI summary for incident {} failed: {}", incidentId, e.toString());
      audit.record(incidentId, ACTOR, "ai.failed", "why", "Rebound could not store the summary");
    }
  }

  private void write(UUID incidentId) {
    if (store.forIncident(incidentId).isPresent()) {
      return;
    }
    IncidentSnapshot incident = incidents.find(incidentId).orElse(null);
    if (incident == null) {
      return;
    }
    String system = AdvicePrompt.system(incident);
    String user = AdvicePrompt.user(incident, properties.errorMessageChars());
    int question = AdvicePrompt.estimateTokens(system, user);
    int answer =
        Math.min(properties.maxAnswerTokens(), properties.maxTokensPerIncident() - question);
    if (answer < 50) {
      audit.record(
          incidentId,
          ACTOR,
          "ai.skipped",
          "why",
          "the question alone (about "
              + question
              + " tokens) leaves no room for an answer within rebound.ai.max-tokens-per-incident ("
              + properties.maxTokensPerIncident()
              + ")");
      return;
    }
    long spent = store.tokensSpentToday(clock.instant());
    if (spent + question + answer > properties.maxTokensPerDay()) {
      audit.record(
          incidentId,
          ACTOR,
          "ai.skipped",
          "why",
          "today's token cap (rebound.ai.max-tokens-per-day, "
              + properties.maxTokensPerDay()
              + ") would be exceeded: "
              + spent
              + " spent");
      return;
    }
    ChatCompletions.Reply reply;
    try {
      reply = model.complete(system, user, answer);
    } catch (ConnectorException e) {
      audit.record(incidentId, ACTOR, "ai.failed", "why", e.getMessage());
      return;
    }
    AdvicePrompt.Answer read = AdvicePrompt.read(reply.content());
    if (read.summary().isBlank()) {
      audit.record(incidentId, ACTOR, "ai.failed", "why", "the model answered nothing");
      return;
    }
    Instant now = clock.instant();
    try {
      store.insert(
          new AdviceStore.Advice(
              incidentId,
              now,
              reply.model(),
              read.summary(),
              JSON.writeValueAsString(read.nextSteps()),
              read.classificationRow(),
              reply.promptTokens(),
              reply.completionTokens(),
              // an endpoint that reports no usage is charged what was allowed
              reply.totalTokens() > 0 ? reply.totalTokens() : question + answer));
    } catch (DuplicateKeyException written) {
      return;
    }
    audit.record(
        incidentId,
        ACTOR,
        "ai.summary-written",
        "model",
        reply.model(),
        "tokens",
        reply.totalTokens(),
        "advisory",
        true);
  }

  @Override
  public void destroy() {
    worker.shutdownNow();
  }
}
