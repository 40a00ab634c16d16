package io.rebound.policy;

import java.nio.file.Path;

/** The policy ops edit: the top-level rules/ and decision-tables/ of the project, compiled once. */
final class ShippedPolicy {

  static final Path DIR = Path.of("").toAbsolutePath();
  static final PolicyEngine ENGINE = PolicyEngine.fromDirectory(DIR);

  private ShippedPolicy() {}
}
