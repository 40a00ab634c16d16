package io.rebound.extract;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads one family of body shapes. Readers are tried in order; the first that recognises wins. */
interface BodyReader {

  /** Whether the body has this reader's shape. Cheap: looks at a few members only. */
  boolean recognises(JsonNode body);

  /**
   * @throws UnreadablePayloadException when the shape is recognised but something essential is
   *     missing
   */
  FactBuilder read(JsonNode body);

  /** Every failure the body reports; one for most shapes, one per failing row for tables. */
  default List<FactBuilder> readAll(JsonNode body) {
    return List.of(read(body));
  }
}
