package io.rebound.ingest;

import io.rebound.extract.FactReader;
import io.rebound.failure.FailureFact;
import io.rebound.incident.TimeOrderedIds;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Takes a delivery in: checks it can be read, stores it (accepted or rejected, with its audit
 * event, committed before it returns) and hands accepted ones to the processor once durable.
 */
@Service
class Intake {

  /** The answer for the sender. */
  record Result(UUID deliveryId, int httpStatus, String error, String detail) {

    boolean accepted() {
      return httpStatus == 202;
    }
  }

  /** A delivery as it arrived. */
  record Arrival(
      WebhookEndpoint endpoint,
      String channel,
      String headersJson,
      byte[] body,
      boolean truncated,
      int size,
      UUID replayOf,
      String actor) {

    /** The operator who replayed the delivery; null when the platform sent it. */
    String requestedBy() {
      return replayOf == null ? null : actor;
    }
  }

  private static final int MAX_STORED_REJECTED_BODY = 64 * 1024;

  private final InboxWriter writer;
  private final FactReader reader;
  private final ObjectMapper json;
  private final DeliveryProcessor processor;
  private final IngestProperties properties;
  private final Clock clock;

  Intake(
      InboxWriter writer,
      FactReader reader,
      ObjectMapper json,
      DeliveryProcessor processor,
      IngestProperties properties,
      Optional<Clock> clock) {
    this.writer = writer;
    this.reader = reader;
    this.json = json;
    this.processor = processor;
    this.properties = properties;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  Result receive(Arrival arrival) {
    if (arrival.truncated()) {
      return reject(
          arrival,
          413,
          "payload_too_large",
          "The body is larger than the "
              + properties.maxBodySize().toBytes()
              + " bytes accepted (rebound.ingest.max-body-size)");
    }
    Reading reading = read(arrival);
    if (reading.problem() != null) {
      Problem p = reading.problem();
      return reject(arrival, p.httpStatus(), p.error(), p.detail());
    }
    return accept(arrival, reading.facts());
  }

  Result reject(Arrival arrival, int httpStatus, String error, String detail) {
    UUID id = TimeOrderedIds.next();
    byte[] body = arrival.body();
    boolean cut = arrival.truncated() || body.length > MAX_STORED_REJECTED_BODY;
    if (body.length > MAX_STORED_REJECTED_BODY) {
      body = java.util.Arrays.copyOf(body, MAX_STORED_REJECTED_BODY);
    }
    Delivery delivery =
        new Delivery(
            id,
            arrival.endpoint().id(),
            arrival.channel(),
            clock.instant(),
            arrival.headersJson(),
            body,
            cut,
            arrival.size(),
            Delivery.Status.REJECTED,
            httpStatus,
            detail,
            0,
            null,
            null,
            null,
            arrival.replayOf(),
            arrival.requestedBy());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("endpoint", arrival.channel());
    details.put("httpStatus", httpStatus);
    details.put("reason", detail);
    writer.store(new InboxWriter.Entry(delivery, arrival.actor(), "delivery.rejected", details));
    return new Result(id, httpStatus, error, detail);
  }

  /**
   * @param facts what the body says, read already on this thread; handed to the worker so it need
   *     not read the body again (null: the worker reads it from the inbox)
   */
  private Result accept(Arrival arrival, List<FailureFact> facts) {
    UUID id = TimeOrderedIds.next();
    Instant now = clock.instant();
    Delivery delivery =
        new Delivery(
            id,
            arrival.endpoint().id(),
            arrival.channel(),
            now,
            arrival.headersJson(),
            arrival.body(),
            false,
            arrival.size(),
            Delivery.Status.RECEIVED,
            202,
            null,
            0,
            now.plus(properties.lease()),
            null,
            null,
            arrival.replayOf(),
            arrival.requestedBy());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("endpoint", arrival.channel());
    details.put("bytes", arrival.size());
    if (arrival.replayOf() != null) {
      details.put("replayOf", arrival.replayOf().toString());
    }
    writer.store(
        new InboxWriter.Entry(
            delivery,
            arrival.actor(),
            arrival.replayOf() == null ? "delivery.accepted" : "delivery.replayed",
            details));
    processor.submit(delivery, facts);
    return new Result(id, 202, null, null);
  }

  /**
   * Why a body cannot be taken in: 400 when it is not JSON. JSON Rebound cannot read is taken in
   * all the same, as an UnrecognisedAlert a human decides: an authenticated alert is never dropped.
   */
  private record Problem(int httpStatus, String error, String detail) {}

  /** Either the problem with a body or the facts it holds (null when reading it failed oddly). */
  private record Reading(Problem problem, List<FailureFact> facts) {}

  /**
   * Jackson names its own settings in some messages ("exceeds the maximum allowed (500, from
   * `StreamReadConstraints.getMaxNestingDepth()`)"): meaningless to a sender, and internals.
   */
  private static String withoutJavaNames(String message) {
    return message == null
        ? ""
        : message.replaceAll(",? ?from `[^`]*`", "").replaceAll("`[^`]*`", "");
  }

  private Reading read(Arrival arrival) {
    JsonNode body;
    try {
      body = json.readTree(arrival.body());
    } catch (JacksonException e) {
      return new Reading(
          new Problem(
              400,
              "invalid_json",
              "The body is not valid JSON ("
                  + withoutJavaNames(e.getOriginalMessage())
                  + "); send the platform's JSON payload unchanged"),
          null);
    }
    if (body == null || body.isMissingNode() || body.isNull()) {
      return new Reading(
          new Problem(400, "invalid_json", "The body is empty; send the platform's JSON payload"),
          null);
    }
    try {
      return new Reading(null, reader.extract(arrival.endpoint().id(), body));
    } catch (RuntimeException e) {
      // Not the sender's fault: accept it and let processing retry and record the error.
      return new Reading(null, null);
    }
  }
}
