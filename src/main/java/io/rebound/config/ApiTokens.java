package io.rebound.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The configured API tokens ({@code role:token,role:token}). A presented token is hashed and its
 * digest compared with every configured digest in constant time, so timing says nothing about how
 * close a guess was. Only digests are kept in memory after startup.
 */
final class ApiTokens {

  /** A caller: the role it has and the name audit records carry instead of the token. */
  record Caller(Role role, String principal) {}

  private record Entry(Role role, byte[] digest, String principal) {}

  private final List<Entry> entries;

  private ApiTokens(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  static ApiTokens parse(String configured) {
    if (configured == null || configured.isBlank()) {
      throw new IllegalStateException(
          "rebound.security.api-tokens is empty: set REBOUND_SECURITY_API_TOKENS to"
              + " role:token pairs, for example viewer:abc,admin:def");
    }
    List<Entry> entries = new ArrayList<>();
    for (String pair : configured.split(",")) {
      String trimmed = pair.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      if (colon <= 0 || colon == trimmed.length() - 1) {
        throw new IllegalStateException(
            "rebound.security.api-tokens: each entry must be role:token; one entry is not"
                + " (entry number "
                + (entries.size() + 1)
                + ")");
      }
      String roleName = trimmed.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      Role role =
          Role.fromName(roleName)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "rebound.security.api-tokens: unknown role '"
                              + roleName
                              + "'; use viewer, operator, approver or admin"));
      byte[] digest = sha256(trimmed.substring(colon + 1).trim());
      String principal = roleName + "-" + HexFormat.of().formatHex(digest).substring(0, 8);
      entries.add(new Entry(role, digest, principal));
    }
    return new ApiTokens(entries);
  }

  Optional<Caller> authenticate(String presentedToken) {
    byte[] presented = sha256(presentedToken);
    Caller match = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.digest(), presented) && match == null) {
        match = new Caller(entry.role(), entry.principal());
      }
    }
    return Optional.ofNullable(match);
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
