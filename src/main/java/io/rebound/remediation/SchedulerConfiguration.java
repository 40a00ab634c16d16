package io.rebound.remediation;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.rebound.incident.RequestIds;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * db-scheduler, built here from the application's DataSource (its Spring Boot starter does not
 * support Boot 4). Cluster-safe: on a shared PostgreSQL each due task is picked by exactly one
 * instance (optimistic lock on the row's version), and a dead instance's picked tasks are run again
 * after its heartbeats stop. Remediation itself guards against that re-run with attempt rows.
 *
 * <p>A task whose run throws (a database outage, a bug) is run again after an exponential backoff,
 * a bounded number of times; then its plan escalates with the error, so no plan is left waiting for
 * a task that will never succeed.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SchedulerConfiguration.class);

  /** A start record that fails this often escalates its incident instead of retrying for ever. */
  private static final int PLAN_START_TRIES = 5;

  @Bean
  SchedulerClient remediationSchedulerClient(DataSource dataSource) {
    return SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource)).build();
  }

  /**
   * Starts the scheduler once the context (and Flyway) is up; stops it first on shutdown. A
   * db-scheduler Scheduler cannot start again once stopped, so every start makes a new one from the
   * same tasks: a context stopped and started again (Spring's Lifecycle contract; test contexts are
   * paused between test classes and restarted when used again) keeps its scheduler.
   */
  @Bean
  SmartLifecycle remediationSchedulerLifecycle(
      DataSource dataSource,
      RemediationProperties properties,
      AttemptRunner attempts,
      HealthPoller health,
      PlanExecutor plans,
      PlanOutcome outcomes,
      PlanStarter starter,
      PlanWatchdog watchdog,
      PlanStore store,
      WatchdogProperties watchdogProperties,
      PlatformTransactionManager transactions) {
    RemediationProperties.SchedulerSettings settings = properties.scheduler();
    TransactionTemplate tx = new TransactionTemplate(transactions);
    List<Task<?>> tasks =
        List.of(
            Tasks.oneTime(StepTasks.ATTEMPT)
                .onFailure(bounded(settings, "an attempt", true, plans, tx))
                .execute(
                    (instance, ctx) -> {
                      StepTasks.Key key = key(instance.getId());
                      underPlan(store, key.planId(), () -> attempts.run(key));
                    }),
            Tasks.oneTime(StepTasks.HEALTH_CHECK)
                .onFailure(bounded(settings, "a health check", true, plans, tx))
                .execute(
                    (instance, ctx) -> {
                      StepTasks.Key key = key(instance.getId());
                      underPlan(store, key.planId(), () -> health.poll(key));
                    }),
            Tasks.oneTime(StepTasks.APPROVAL_EXPIRY)
                .onFailure(bounded(settings, "an approval expiry", false, plans, tx))
                .execute(
                    (instance, ctx) -> {
                      UUID planId = UUID.fromString(instance.getId());
                      underPlan(
                          store,
                          planId,
                          () -> tx.executeWithoutResult(s -> plans.expireApproval(planId)));
                    }),
            Tasks.oneTime(StepTasks.OUTCOME)
                .onFailure(bounded(settings, "a plan outcome", false, plans, tx))
                .execute(
                    (instance, ctx) -> {
                      UUID planId = UUID.fromString(instance.getId());
                      underPlan(store, planId, () -> outcomes.finish(planId));
                    }),
            Tasks.oneTime(PlanStarter.START)
                .onFailure(
                    new FailureHandler.MaxRetriesFailureHandler<>(
                        PLAN_START_TRIES,
                        new FailureHandler.OnFailureRetryLater<>(settings.retryAfterError()),
                        (complete, ops) ->
                            starter.giveUp(
                                UUID.fromString(complete.getExecution().taskInstance.getId()),
                                (String) complete.getExecution().taskInstance.getData(),
                                complete.getCause().orElse(null))))
                .execute(
                    (instance, ctx) ->
                        starter.startFromRecord(
                            UUID.fromString(instance.getId()), instance.getData())));
    RecurringTask<Void> watch =
        Tasks.recurring(PlanWatchdog.WATCHDOG_TASK, FixedDelay.of(watchdogProperties.interval()))
            .execute((instance, ctx) -> watchdog.run());
    Supplier<Scheduler> newScheduler =
        () ->
            Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .startTasks(watch)
                .threads(settings.threads())
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .shutdownMaxWait(settings.shutdownMaxWait())
                .commitWhenAutocommitDisabled(false)
                .enableImmediateExecution()
                .build();
    return new SmartLifecycle() {
      private volatile Scheduler running;

      @Override
      public void start() {
        Scheduler scheduler = newScheduler.get();
        scheduler.start();
        running = scheduler;
      }

      @Override
      public void stop() {
        Scheduler scheduler = running;
        running = null;
        if (scheduler != null) {
          scheduler.stop();
        }
      }

      @Override
      public boolean isRunning() {
        return running != null;
      }
    };
  }

  /**
   * Retries a failed task run after retryAfterError, doubling, at most maxRetriesAfterError times;
   * then escalates the plan of a step task with the error; other tasks are logged.
   */
  private static FailureHandler<Void> bounded(
      RemediationProperties.SchedulerSettings settings,
      String what,
      boolean escalatesPlan,
      PlanExecutor plans,
      TransactionTemplate tx) {
    return new FailureHandler.MaxRetriesFailureHandler<>(
        settings.maxRetriesAfterError(),
        new FailureHandler.ExponentialBackoffFailureHandler<>(settings.retryAfterError(), 2.0),
        (complete, operations) -> {
          String instance = complete.getExecution().taskInstance.getId();
          String why = cause(complete);
          log.error(
              "Rebound gave up on {} ({}) after {} tries: {}",
              what,
              instance,
              settings.maxRetriesAfterError() + 1,
              why);
          if (escalatesPlan) {
            UUID planId = StepTasks.Key.parse(instance).planId();
            tx.executeWithoutResult(
                s ->
                    plans.escalateUnfinished(
                        planId,
                        "Rebound could not run %s of this plan after %d tries; last error: %s"
                            .formatted(what, settings.maxRetriesAfterError() + 1, why)));
          }
          operations.stop();
        });
  }

  private static String cause(ExecutionComplete complete) {
    return complete
        .getCause()
        .map(t -> t.getMessage() == null ? "an unexpected error" : t.getMessage())
        .orElse("an unexpected error");
  }

  /**
   * Runs a plan's task under the request id of the delivery that led to the plan: its log lines and
   * audit rows carry the id the webhook came with.
   */
  private static void underPlan(PlanStore store, UUID planId, Runnable task) {
    try (RequestIds.Scope scope = RequestIds.open(store.requestIdOf(planId))) {
      task.run();
    }
  }

  private static StepTasks.Key key(String instanceId) {
    return StepTasks.Key.parse(instanceId);
  }
}
