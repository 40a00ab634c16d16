-- Every webhook delivery, stored before it is answered: accepted ones wait here until processed,
-- rejected ones stay with the reason so an engineer can see what a misconfigured sender posted.
CREATE TABLE delivery (
    id               UUID PRIMARY KEY,
    source           VARCHAR(40)  NOT NULL,
    endpoint         VARCHAR(80)  NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    headers          VARCHAR      NOT NULL,
    body             BYTEA        NOT NULL,
    body_truncated   BOOLEAN      NOT NULL,
    body_size        INTEGER      NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    http_status      INTEGER      NOT NULL,
    reason           VARCHAR,
    attempts         INTEGER      NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE,
    processed_at     TIMESTAMP WITH TIME ZONE,
    incident_id      UUID,
    replay_of        UUID
);

CREATE INDEX delivery_received_at ON delivery (received_at);
CREATE INDEX delivery_pending ON delivery (status, next_attempt_at);
CREATE INDEX delivery_source ON delivery (source, received_at);
