package io.rebound.remediation;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * db-scheduler, built here from the application's DataSource (its Spring Boot starter does not
 * support Boot 4). Cluster-safe: on a shared PostgreSQL each due task is picked by exactly one
 * instance (optimistic lock on the row's version), and a dead instance's picked tasks are run again
 * after its heartbeats stop. Remediation itself guards against that re-run with attempt rows.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

  /** A start record that fails this often escalates its incident instead of retrying for ever. */
  private static final int PLAN_START_TRIES = 5;

  @Bean
  SchedulerClient remediationSchedulerClient(DataSource dataSource) {
    return SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource)).build();
  }

  @Bean
  Scheduler remediationScheduler(
      DataSource dataSource,
      RemediationProperties properties,
      PlanExecutor executor,
      PlanStarter starter,
      PlanWatchdog watchdog,
      WatchdogProperties watchdogProperties) {
    RemediationProperties.SchedulerSettings settings = properties.scheduler();
    FailureHandler<Void> retryLater =
        new FailureHandler.OnFailureRetryLater<>(settings.retryAfterError());
    List<Task<?>> tasks =
        List.of(
            Tasks.oneTime(StepTasks.ATTEMPT)
                .onFailure(retryLater)
                .execute((instance, ctx) -> executor.runAttempt(key(instance.getId()))),
            Tasks.oneTime(StepTasks.HEALTH_CHECK)
                .onFailure(retryLater)
                .execute((instance, ctx) -> executor.pollHealth(key(instance.getId()))),
            Tasks.oneTime(StepTasks.APPROVAL_EXPIRY)
                .onFailure(retryLater)
                .execute(
                    (instance, ctx) -> executor.expireApproval(UUID.fromString(instance.getId()))),
            Tasks.oneTime(StepTasks.OUTCOME)
                .onFailure(retryLater)
                .execute((instance, ctx) -> executor.finish(UUID.fromString(instance.getId()))),
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
    // a start task is known to the scheduler without being listed
    return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
        .startTasks(watch)
        .threads(settings.threads())
        .pollingInterval(settings.pollingInterval())
        .heartbeatInterval(settings.heartbeatInterval())
        .shutdownMaxWait(settings.shutdownMaxWait())
        .commitWhenAutocommitDisabled(false)
        .enableImmediateExecution()
        .build();
  }

  /** Starts the scheduler once the context (and Flyway) is up; stops it first on shutdown. */
  @Bean
  SmartLifecycle remediationSchedulerLifecycle(Scheduler remediationScheduler) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        remediationScheduler.start();
        running = true;
      }

      @Override
      public void stop() {
        remediationScheduler.stop();
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }

  private static StepTasks.Key key(String instanceId) {
    return StepTasks.Key.parse(instanceId);
  }
}
