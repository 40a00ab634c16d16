package io.rebound.policy;

import java.util.List;

/**
 * The policy files cannot be used. Each problem names the file, sheet and cell and says what is
 * wrong in plain words, so the on-call engineer can open the workbook and fix it.
 */
public class InvalidPolicyException extends RuntimeException {

  private final String origin;
  private final List<String> problems;

  public InvalidPolicyException(String origin, List<String> problems) {
    super(describe(origin, problems));
    this.origin = origin;
    this.problems = List.copyOf(problems);
  }

  /** Where the policy was read from: a folder, or the policy shipped in the jar. */
  public String origin() {
    return origin;
  }

  public List<String> problems() {
    return problems;
  }

  private static String describe(String origin, List<String> problems) {
    StringBuilder sb = new StringBuilder();
    sb.append("The policy in ")
        .append(origin)
        .append(" has ")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem:" : " problems:");
    for (String p : problems) {
      sb.append(System.lineSeparator()).append("  - ").append(p);
    }
    return sb.toString();
  }
}
