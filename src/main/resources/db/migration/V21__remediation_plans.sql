-- One plan per incident (unique incident_id): a duplicate or replayed IncidentDecided finds the
-- plan already there and does nothing.
create table remediation_plan (
  id             uuid                     primary key,
  incident_id    uuid                     not null unique,
  status         varchar(32)              not null,
  mode           varchar(16)              not null,
  requested_by   varchar(200)             not null,
  environment    varchar(16)              not null,
  source         varchar(32)              not null,
  error_type     varchar(100),
  severity       varchar(16),
  resource_label varchar(500),
  outcome_reason varchar(4000),
  snapshot_json  varchar(4000),
  created_at     timestamp with time zone not null,
  updated_at     timestamp with time zone not null
);

-- Steps are fixed when the plan is made. A stage is one playbook (primary action then its
-- fallbacks); the next stage is the chained playbook.
create table remediation_step (
  plan_id           uuid          not null references remediation_plan (id),
  step_no           int           not null,
  stage_no          int           not null,
  kind              varchar(16)   not null,
  playbook          varchar(100)  not null,
  action            varchar(64)   not null,
  max_attempts      int           not null,
  backoff_seconds   varchar(500)  not null,
  timeout_seconds   int           not null,
  health_check      varchar(64)   not null,
  breaker_threshold int           not null,
  needs_approval    boolean       not null,
  target_json       varchar(4000) not null,
  parameters_json   varchar(4000) not null,
  status            varchar(16)   not null,
  primary key (plan_id, step_no)
);

-- An attempt row is inserted (claimed) in its own committed transaction before the platform is
-- called; the unique (plan_id, step_no, attempt_no) makes a second claim fail, so no attempt is
-- ever performed twice, whichever instance or retry tries.
create table remediation_attempt (
  id              uuid                     primary key,
  plan_id         uuid                     not null references remediation_plan (id),
  step_no         int                      not null,
  attempt_no      int                      not null,
  status          varchar(16)              not null,
  counts_as_retry boolean                  not null,
  idempotency_key varchar(64)              not null unique,
  resource_key    varchar(300)             not null,
  started_at      timestamp with time zone not null,
  performed_at    timestamp with time zone,
  finished_at     timestamp with time zone,
  deadline        timestamp with time zone,
  reference       varchar(500),
  result_json     varchar(4000),
  detail          varchar(4000),
  constraint remediation_attempt_once unique (plan_id, step_no, attempt_no)
);

create index remediation_attempt_budget_idx on remediation_attempt (resource_key, started_at);
create index remediation_attempt_started_idx on remediation_attempt (started_at);

create table remediation_approval (
  id           uuid                     primary key,
  plan_id      uuid                     not null references remediation_plan (id),
  step_no      int                      not null,
  incident_id  uuid                     not null,
  status       varchar(16)              not null,
  requested_by varchar(200)             not null,
  requested_at timestamp with time zone not null,
  expires_at   timestamp with time zone not null,
  summary      varchar(4000)            not null,
  decided_by   varchar(200),
  decided_at   timestamp with time zone,
  reason       varchar(4000),
  -- a plan may wait at several steps (a gated fallback, a gated chained playbook), once each
  constraint remediation_approval_once unique (plan_id, step_no)
);

create index remediation_approval_status_idx on remediation_approval (status);

-- Switches an admin flips at run time (the kill switch), shared by every instance.
create table remediation_setting (
  name       varchar(100)             primary key,
  setting_value varchar(200)          not null,
  updated_by varchar(200)             not null,
  updated_at timestamp with time zone not null
);
