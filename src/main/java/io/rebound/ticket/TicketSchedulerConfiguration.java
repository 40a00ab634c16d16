package io.rebound.ticket;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.rebound.connector.JiraClient;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * A db-scheduler of its own on {@code ticket_tasks}: Jira work retries on its own backoff and its
 * own thread, so a Jira outage never takes a remediation thread. Started only when Jira is
 * configured. Cluster-safe like remediation's: each task is picked by one instance.
 */
@Configuration(proxyBeanMethods = false)
class TicketSchedulerConfiguration {

  static final String TABLE = "ticket_tasks";

  @Bean
  TicketTasks ticketTasks(DataSource dataSource) {
    return new TicketTasks(
        SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource))
            .tableName(TABLE)
            .build());
  }

  /**
   * The Jira work's own scheduler, made anew at every start: a db-scheduler Scheduler cannot start
   * again once stopped, and a context may be stopped and started again (test contexts are paused
   * between test classes).
   */
  private static Scheduler newTicketScheduler(
      DataSource dataSource, TicketProperties properties, TicketWork work, TicketTasks tasks) {
    return Scheduler.create(
            new TransactionAwareDataSourceProxy(dataSource),
            List.of(
                Tasks.oneTime(TicketTasks.CREATE)
                    .onFailure(bounded(properties, work, "creating the Jira issue"))
                    .execute(
                        (instance, ctx) ->
                            work.create(
                                UUID.fromString(instance.getId()),
                                instance.getData(),
                                ctx.getExecution().consecutiveFailures + 1)),
                Tasks.oneTime(TicketTasks.COMMENT)
                    .onFailure(bounded(properties, work, "commenting on the Jira issue"))
                    .execute(
                        (instance, ctx) -> {
                          UUID incidentId = TicketTasks.incidentOf(instance.getId());
                          work.comment(
                              incidentId,
                              instance.getData(),
                              tasks.createPending(incidentId),
                              ctx.getExecution().consecutiveFailures + 1);
                        })))
        .tableName(TABLE)
        .threads(1)
        .pollingInterval(properties.pollingInterval())
        .commitWhenAutocommitDisabled(false)
        .enableImmediateExecution()
        .build();
  }

  /** Retries after retryAfter, doubling, maxRetries times; then audits that it gave up. */
  private static FailureHandler<String> bounded(
      TicketProperties properties, TicketWork work, String what) {
    return new FailureHandler.MaxRetriesFailureHandler<>(
        properties.maxRetries(),
        new FailureHandler.ExponentialBackoffFailureHandler<>(properties.retryAfter(), 2.0),
        (complete, operations) -> {
          work.gaveUp(
              TicketTasks.incidentOf(complete.getExecution().taskInstance.getId()),
              what,
              complete.getCause().orElse(null),
              properties.maxRetries() + 1);
          operations.stop();
        });
  }

  @Bean
  SmartLifecycle ticketSchedulerLifecycle(
      DataSource dataSource,
      TicketProperties properties,
      TicketWork work,
      TicketTasks tasks,
      JiraClient jira) {
    return new SmartLifecycle() {
      private volatile boolean running;
      private volatile Scheduler scheduler;

      @Override
      public void start() {
        if (jira.configured()) {
          scheduler = newTicketScheduler(dataSource, properties, work, tasks);
          scheduler.start();
        }
        running = true;
      }

      @Override
      public void stop() {
        Scheduler current = scheduler;
        scheduler = null;
        if (current != null) {
          current.stop();
        }
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }
}
