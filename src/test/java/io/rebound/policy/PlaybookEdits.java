package io.rebound.policy;

import java.nio.file.Path;

/** The edit ops make most: one cell of one error type's playbook row, in a policy folder copy. */
final class PlaybookEdits {

  private PlaybookEdits() {}

  /**
   * @return the A1 reference of the changed cell
   */
  static String set(Path dir, String errorType, String header, Object value) {
    String cell =
        PolicyCopies.cellOf(dir, "playbooks.xlsx", "Playbooks", "Error type", errorType, header);
    PolicyCopies.setCell(dir, "playbooks.xlsx", "Playbooks", cell, value);
    return cell;
  }
}
