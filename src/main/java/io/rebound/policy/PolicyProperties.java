package io.rebound.policy;

import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the policy lives.
 *
 * @param dir folder holding rules/ and decision-tables/ (env REBOUND_POLICY_DIR); empty means the
 *     policy shipped inside the jar
 */
@ConfigurationProperties("rebound.policy")
record PolicyProperties(String dir) {

  Optional<Path> directory() {
    return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir.trim()));
  }
}
