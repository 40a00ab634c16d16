package io.rebound.extract;

/**
 * A body that is JSON but not of any shape Rebound knows. The message says what was missing, in
 * words an on-call engineer can act on; it becomes a 422 answer.
 */
public class UnreadablePayloadException extends RuntimeException {

  public UnreadablePayloadException(String message) {
    super(message);
  }
}
