package io.rebound.connector;

import java.util.Map;

/**
 * What an action did.
 *
 * @param status DONE (the platform accepted it), SKIPPED (nothing to do, for example the cluster is
 *     already RUNNING)
 * @param reference what to health-check afterwards: the new run id, the cluster id...
 * @param detail one plain line for the audit trail
 * @param data anything the next step needs (snapshotted cluster size, the version installed...)
 */
public record ActionResult(
    Status status, String reference, String detail, Map<String, String> data) {

  public enum Status {
    DONE,
    SKIPPED
  }

  public ActionResult {
    data = data == null ? Map.of() : Map.copyOf(data);
  }
}
