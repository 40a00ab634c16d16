-- One row per real failure. open_fingerprint equals fingerprint while the incident takes repeats
-- (open or escalated) and is NULL once it is resolved or suppressed: the unique constraint then
-- allows exactly one such incident per fingerprint on both H2 and PostgreSQL (H2 has no partial
-- indexes; both allow many NULLs).
CREATE TABLE incident (
    id                UUID PRIMARY KEY,
    fingerprint       VARCHAR(512) NOT NULL,
    open_fingerprint  VARCHAR(512),
    resource_key      VARCHAR(512),
    alert_key         VARCHAR(512),
    source            VARCHAR(40)  NOT NULL,
    environment       VARCHAR(20)  NOT NULL,
    resource          VARCHAR(512) NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    error_type        VARCHAR(80),
    category          VARCHAR(40),
    severity          VARCHAR(20),
    priority          VARCHAR(4),
    error_message     VARCHAR,
    fact              VARCHAR      NOT NULL,
    decision          VARCHAR,
    explanation       VARCHAR,
    policy_version    VARCHAR(128),
    occurrences       INTEGER      NOT NULL,
    first_seen        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen         TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at       TIMESTAMP WITH TIME ZONE,
    status_reason     VARCHAR,
    version           INTEGER      NOT NULL,
    CONSTRAINT incident_one_open_per_fingerprint UNIQUE (open_fingerprint)
);

CREATE INDEX incident_first_seen ON incident (first_seen);
CREATE INDEX incident_status ON incident (status);
CREATE INDEX incident_resource_key ON incident (resource_key);
CREATE INDEX incident_alert_key ON incident (alert_key);
