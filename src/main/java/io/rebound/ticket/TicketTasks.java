package io.rebound.ticket;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import java.time.Instant;
import java.util.UUID;

/**
 * Puts ticket work into {@code ticket_tasks}. Instance ids say what to do, so the same work is
 * never scheduled twice: one issue per incident (id = incident id), one comment per incident and
 * status it reached (id = incident id:status). Called inside the transaction that moved the
 * incident: the work commits with the move.
 */
class TicketTasks {

  /** Create the incident's issue; the data is why it is created, for the description. */
  static final TaskDescriptor<String> CREATE = TaskDescriptor.of("jira-create-issue", String.class);

  /** Comment on the incident's issue; the data is the comment's text. */
  static final TaskDescriptor<String> COMMENT = TaskDescriptor.of("jira-comment", String.class);

  private final SchedulerClient client;

  TicketTasks(SchedulerClient client) {
    this.client = client;
  }

  void create(UUID incidentId, String why) {
    client.scheduleIfNotExists(
        CREATE.instance(incidentId.toString()).data(why).scheduledTo(Instant.now()));
  }

  void comment(UUID incidentId, String status, String text) {
    client.scheduleIfNotExists(
        COMMENT.instance(incidentId + ":" + status).data(text).scheduledTo(Instant.now()));
  }

  /** True while the incident's issue is still to be created (due, running or waiting to retry). */
  boolean createPending(UUID incidentId) {
    return client.getScheduledExecution(CREATE.instanceId(incidentId.toString())).isPresent();
  }

  static UUID incidentOf(String instanceId) {
    int colon = instanceId.indexOf(':');
    return UUID.fromString(colon < 0 ? instanceId : instanceId.substring(0, colon));
  }
}
