package io.rebound.ingest;

import java.time.Instant;
import java.util.UUID;

/** One stored delivery: the exact body as received and what became of it. */
record Delivery(
    UUID id,
    String source,
    String endpoint,
    Instant receivedAt,
    String headersJson,
    byte[] body,
    boolean bodyTruncated,
    int bodySize,
    Status status,
    int httpStatus,
    String reason,
    int attempts,
    Instant nextAttemptAt,
    Instant processedAt,
    UUID incidentId,
    UUID replayOf,
    String requestedBy) {

  private static final byte[] NO_BODY = new byte[0];

  /**
   * The same delivery without its body, for queues that hold thousands of deliveries during a storm
   * and only need their state: the body stays in the inbox.
   */
  Delivery withoutBody() {
    if (body.length == 0) {
      return this;
    }
    return new Delivery(
        id,
        source,
        endpoint,
        receivedAt,
        headersJson,
        NO_BODY,
        bodyTruncated,
        bodySize,
        status,
        httpStatus,
        reason,
        attempts,
        nextAttemptAt,
        processedAt,
        incidentId,
        replayOf,
        requestedBy);
  }

  enum Status {
    /** Accepted and answered; waiting for (or between) processing attempts. */
    RECEIVED,
    /** Processed: its fact was decided and recorded against an incident (or needed none). */
    PROCESSED,
    /** Accepted but every processing attempt failed; replay it once the cause is fixed. */
    FAILED,
    /** Refused at the door (401, 400, 413, 422); kept so the sender's mistake can be seen. */
    REJECTED
  }
}
