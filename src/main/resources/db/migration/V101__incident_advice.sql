-- An AI model's advisory summary of an escalated incident (off unless rebound.ai.enabled). One per
-- incident; it never changes a decision. total_tokens is what the endpoint reported, summed per day
-- for the daily cost cap.
CREATE TABLE incident_advice (
    incident_id        UUID PRIMARY KEY,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    model              VARCHAR(200),
    summary            VARCHAR      NOT NULL,
    next_steps         VARCHAR      NOT NULL,
    suggested_row      VARCHAR,
    prompt_tokens      INTEGER      NOT NULL,
    completion_tokens  INTEGER      NOT NULL,
    total_tokens       INTEGER      NOT NULL
);

CREATE INDEX incident_advice_created_at ON incident_advice (created_at);
