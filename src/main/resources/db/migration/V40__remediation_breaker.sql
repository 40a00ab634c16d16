-- Circuit breakers live in the database, not in one instance's memory: every instance on the same
-- database sees the same state, and a restart does not close a breaker that opened before it.
-- consecutive_failures counts recorded failures since the last success; the breaker opens when it
-- reaches failure_threshold and lets one trial call through after its wait.
create table remediation_breaker (
  name                 varchar(500)             primary key,
  state                varchar(16)              not null,
  failure_threshold    int                      not null,
  consecutive_failures int                      not null,
  not_permitted_calls  bigint                   not null,
  opened_at            timestamp with time zone,
  last_failure         varchar(4000),
  updated_at           timestamp with time zone not null
);
