package io.rebound.ingest;

import io.rebound.incident.TimeOrderedIds;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
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
  private final ObjectMapper json;
  private final DeliveryProcessor processor;
  private final IngestProperties properties;
  private final Clock clock;

  Intake(
      InboxWriter writer,
      ObjectMapper json,
      DeliveryProcessor processor,
      IngestProperties properties,
      Optional<Clock> clock) {
    this.writer = writer;
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
    Problem problem = problemWith(arrival.body());
    if (problem != null) {
      return reject(arrival, problem.httpStatus(), problem.error(), problem.detail());
    }
    return accept(arrival);
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
   * Stores an accepted delivery and hands it to a worker, which reads the alert in it: the request
   * thread only checks that the body is JSON, so the sender's answer waits for one parse and one
   * commit, not for the reading of the alert.
   */
  private Result accept(Arrival arrival) {
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
    processor.submit(delivery);
    return new Result(id, 202, null, null);
  }

  /**
   * Why a body cannot be taken in: 400 when it is not JSON. JSON Rebound cannot read is taken in
   * all the same, as an UnrecognisedAlert a human decides: an authenticated alert is never dropped.
   */
  private record Problem(int httpStatus, String error, String detail) {}

  /**
   * Jackson names its own settings in some messages ("exceeds the maximum allowed (500, from
   * `StreamReadConstraints.getMaxNestingDepth()`)"): meaningless to a sender, and internals.
   */
  private static String withoutJavaNames(String message) {
    return message == null
        ? ""
        : message.replaceAll(",? ?from `[^`]*`", "").replaceAll("`[^`]*`", "");
  }

  /**
   * Why the body cannot be taken in, or null when it is JSON. Read as a stream of tokens without
   * building the tree (the worker builds it when it reads the alert), with the same rules as
   * reading the tree: every string and number is materialised so the parser's limits apply, and
   * what follows the value is refused when the mapper refuses trailing tokens. Null, like an empty
   * body, brings nothing to read.
   */
  private Problem problemWith(byte[] body) {
    try (JsonParser parser = json.createParser(body)) {
      JsonToken token = parser.nextToken();
      if (token == null || token == JsonToken.VALUE_NULL) {
        return new Problem(
            400, "invalid_json", "The body is empty; send the platform's JSON payload");
      }
      int depth = 0;
      do {
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        } else if (token == JsonToken.VALUE_STRING || token == JsonToken.PROPERTY_NAME) {
          parser.getString();
        } else if (token.isNumeric()) {
          parser.getNumberValue();
        }
      } while (depth > 0 && (token = parser.nextToken()) != null);
      if (json.deserializationConfig().isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          && parser.nextToken() != null) {
        return new Problem(
            400,
            "invalid_json",
            "The body holds more than one JSON value; send the platform's JSON payload unchanged");
      }
      return null;
    } catch (JacksonException e) {
      return new Problem(
          400,
          "invalid_json",
          "The body is not valid JSON ("
              + withoutJavaNames(e.getOriginalMessage())
              + "); send the platform's JSON payload unchanged");
    }
  }
}
