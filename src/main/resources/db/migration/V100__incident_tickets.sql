-- The Jira issue opened for an incident: one per incident, and one incident per issue key (Jira's
-- webhook names the key; the incident is found through it). status is Jira's own status name as the
-- last webhook reported it.
CREATE TABLE incident_ticket (
    incident_id   UUID PRIMARY KEY,
    issue_key     VARCHAR(64)  NOT NULL,
    issue_url     VARCHAR(512) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    status        VARCHAR(120),
    status_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT incident_ticket_one_incident_per_key UNIQUE (issue_key)
);

-- Ticket work (create an issue, add a comment) as db-scheduler tasks in a table of its own: Jira being
-- down retries here on its own schedule, never holding remediation's scheduler, and a crash leaves
-- the work in the table for the next start. Same shape as scheduled_tasks (V20).
create table ticket_tasks (
  task_name            varchar(100)             not null,
  task_instance        varchar(250)             not null,
  task_data            bytea,
  execution_time       timestamp with time zone not null,
  picked               boolean                  not null,
  picked_by            varchar(50),
  last_success         timestamp with time zone,
  last_failure         timestamp with time zone,
  consecutive_failures int,
  last_heartbeat       timestamp with time zone,
  version              bigint                   not null,
  priority             smallint,
  primary key (task_name, task_instance)
);

create index ticket_tasks_execution_time_idx on ticket_tasks (execution_time);
create index ticket_tasks_last_heartbeat_idx on ticket_tasks (last_heartbeat);
create index ticket_tasks_priority_execution_time_idx on ticket_tasks (priority desc, execution_time asc);
