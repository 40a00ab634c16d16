package io.rebound.ingest;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The X-Request-Id stored with a delivery's headers (the HTTP filter put a sane one there, the
 * sender's or a new one), so the workers that process the delivery later can carry it on.
 */
final class DeliveryRequestId {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String HEADER = "X-Request-Id";

  private DeliveryRequestId() {}

  /** The stored request id, or null for a delivery stored without one (before this existed). */
  static String of(Delivery delivery) {
    String headers = delivery.headersJson();
    if (headers == null || headers.isBlank()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(headers);
      for (Map.Entry<String, JsonNode> header : node.properties()) {
        if (HEADER.equalsIgnoreCase(header.getKey()) && header.getValue().isString()) {
          return header.getValue().asString();
        }
      }
      return null;
    } catch (JacksonException e) {
      return null;
    }
  }
}
