-- The playbook row and action each decided incident got, written with the decision: outcomes of
-- plans can then be counted per error type, action and row (GET /api/stats/playbooks), and the
-- guards read how well a playbook has done before running it again.
create table remediation_decision_row (
  incident_id uuid                     primary key,
  error_type  varchar(100)             not null,
  action      varchar(64)              not null,
  table_row   varchar(300)             not null,
  decided_at  timestamp with time zone not null
);

create index remediation_decision_row_decided_idx on remediation_decision_row (decided_at);
