package io.rebound.extract;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The field names every reader of alert tables uses right now. They belong to the policy: when
 * another policy version goes in force on this node, the policy hands its classification workbook
 * here and the next delivery is read with that version's "Field names" sheet, without a restart.
 * Extract knows nothing of where versions are stored; the policy pushes, extract reads.
 */
public final class FieldNamesInForce implements Supplier<FieldNames> {

  private final AtomicReference<FieldNames> current;

  public FieldNamesInForce(FieldNames initial) {
    this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
  }

  @Override
  public FieldNames get() {
    return current.get();
  }

  /** Puts another version's names in force; the next body is read with them. */
  public void use(FieldNames names) {
    current.set(Objects.requireNonNull(names, "names"));
  }
}
