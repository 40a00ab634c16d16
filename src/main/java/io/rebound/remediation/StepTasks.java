package io.rebound.remediation;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Puts plan work into db-scheduler's table. Every piece of work is a task instance whose id says
 * exactly what to do, so a duplicate schedule is a no-op and a restarted instance finds it. Called
 * inside remediation's transactions: the scheduler's data source joins them, so a plan's state and
 * its next task commit together.
 */
@Component
class StepTasks {

  static final TaskDescriptor<Void> ATTEMPT = TaskDescriptor.of("remediation-attempt");
  static final TaskDescriptor<Void> HEALTH_CHECK = TaskDescriptor.of("remediation-health-check");
  static final TaskDescriptor<Void> APPROVAL_EXPIRY =
      TaskDescriptor.of("remediation-approval-expiry");
  static final TaskDescriptor<Void> OUTCOME = TaskDescriptor.of("remediation-outcome");

  private final SchedulerClient client;

  StepTasks(SchedulerClient remediationSchedulerClient) {
    this.client = remediationSchedulerClient;
  }

  void attempt(UUID planId, int stepNo, int attemptNo, Instant at) {
    client.scheduleIfNotExists(
        ATTEMPT.instance(planId + ":" + stepNo + ":" + attemptNo).scheduledTo(at));
  }

  void healthCheck(UUID planId, int stepNo, int attemptNo, int pollNo, Instant at) {
    client.scheduleIfNotExists(
        HEALTH_CHECK
            .instance(planId + ":" + stepNo + ":" + attemptNo + ":" + pollNo)
            .scheduledTo(at));
  }

  void approvalExpiry(UUID approvalId, Instant at) {
    client.scheduleIfNotExists(APPROVAL_EXPIRY.instance(approvalId.toString()).scheduledTo(at));
  }

  void outcome(UUID planId) {
    client.scheduleIfNotExists(OUTCOME.instance(planId.toString()).scheduledTo(Instant.now()));
  }

  /** The numbers in an instance id: plan id, then step, attempt, poll. */
  record Key(UUID planId, int stepNo, int attemptNo, int pollNo) {
    static Key parse(String instanceId) {
      String[] parts = instanceId.split(":");
      return new Key(
          UUID.fromString(parts[0]),
          parts.length > 1 ? Integer.parseInt(parts[1]) : 0,
          parts.length > 2 ? Integer.parseInt(parts[2]) : 0,
          parts.length > 3 ? Integer.parseInt(parts[3]) : 0);
    }
  }
}
