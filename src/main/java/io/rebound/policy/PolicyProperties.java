package io.rebound.policy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the policy lives.
 *
 * @param dir folder holding rules/ and decision-tables/ (env REBOUND_POLICY_DIR); empty means the
 *     policy shipped inside the jar. Either becomes stored version 1 on the first start; after that
 *     the database's active version is in force.
 * @param pollInterval how often each node checks the database for a promoted or rolled back version
 *     (a promotion is in force everywhere within this plus one compile)
 */
@ConfigurationProperties("rebound.policy")
record PolicyProperties(String dir, @DefaultValue("1s") Duration pollInterval) {

  Optional<Path> directory() {
    return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir.trim()));
  }
}
