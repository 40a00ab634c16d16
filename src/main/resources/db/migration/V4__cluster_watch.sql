-- Where the cluster-event poller stopped reading, per cluster, so a restart neither re-reads nor
-- skips events.
CREATE TABLE cluster_watch_cursor (
    cluster_id       VARCHAR(100) PRIMARY KEY,
    last_event_ms    BIGINT       NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
