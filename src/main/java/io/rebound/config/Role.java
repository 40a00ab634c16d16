package io.rebound.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** API roles, each including every role below it: admin ⊃ approver ⊃ operator ⊃ viewer. */
enum Role {
  VIEWER,
  OPERATOR,
  APPROVER,
  ADMIN;

  static Optional<Role> fromName(String name) {
    return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(name)).findFirst();
  }

  /** This role and every role it includes, as Spring authorities (ROLE_…). */
  List<String> authorities() {
    return Arrays.stream(values())
        .filter(r -> r.ordinal() <= ordinal())
        .map(r -> "ROLE_" + r.name())
        .toList();
  }
}
