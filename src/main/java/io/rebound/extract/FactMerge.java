package io.rebound.extract;

import io.rebound.failure.ErrorCodes;
import io.rebound.failure.FailureFact;
import io.rebound.failure.FailureType;
import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceIds;
import io.rebound.failure.ResourceKind;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/** Completes a notification's fact with the richer one a platform answer gives. */
final class FactMerge {

  private FactMerge() {}

  /** The notification's fact, with every blank filled from the richer one. */
  static FailureFact merge(FailureFact base, FailureFact richer) {
    Map<String, String> attributes = new HashMap<>(richer.attributes());
    attributes.putAll(base.attributes());
    // The platform's own state is the truth about a run or cluster the notification only names:
    // a "failure" notification for a run a person cancelled, a cluster "terminating" that stopped
    // for inactivity.
    Outcome outcome = richer.outcome() == Outcome.UNKNOWN ? base.outcome() : richer.outcome();
    return new FailureFact(
        base.source(),
        base.environment(),
        base.resourceKind() == ResourceKind.OTHER ? richer.resourceKind() : base.resourceKind(),
        outcome,
        fill(base.resource(), richer.resource(), ResourceIds.class),
        fill(base.codes(), richer.codes(), ErrorCodes.class),
        richer.errorMessage().isBlank() ? base.errorMessage() : richer.errorMessage(),
        base.failureType() == FailureType.UNKNOWN ? richer.failureType() : base.failureType(),
        base.occurredAt() != null ? base.occurredAt() : richer.occurredAt(),
        attributes);
  }

  /** Field by field: the base value where it has one, else the richer one. */
  private static <T extends Record> T fill(T base, T richer, Class<T> type) {
    try {
      RecordComponent[] components = type.getRecordComponents();
      Object[] values = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        Object a = components[i].getAccessor().invoke(base);
        Object b = components[i].getAccessor().invoke(richer);
        values[i] = a != null ? a : b;
        types[i] = components[i].getType();
      }
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot merge " + type.getSimpleName(), e);
    }
  }

  static FailureFact withAttribute(FailureFact fact, String key, String value) {
    Map<String, String> attributes = new HashMap<>(fact.attributes());
    attributes.put(key, value);
    return new FailureFact(
        fact.source(),
        fact.environment(),
        fact.resourceKind(),
        fact.outcome(),
        fact.resource(),
        fact.codes(),
        fact.errorMessage(),
        fact.failureType(),
        fact.occurredAt(),
        attributes);
  }
}
