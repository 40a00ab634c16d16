package io.rebound.incident;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUIDs that sort by creation time (version 7, RFC 9562: 48 bits of Unix milliseconds, then 74
 * random bits), for rows written at storm rates: deliveries and audit events. A random (version 4)
 * key lands each insert on a random page of the primary-key index, so nearly every insert dirties a
 * different page that must be written and collected again; time-ordered keys append to the end of
 * the index instead, on H2 and PostgreSQL alike. Still unguessable and unique across instances.
 */
public final class TimeOrderedIds {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TimeOrderedIds() {}

  /** A new version-7 UUID for the current time. */
  public static UUID next() {
    return at(System.currentTimeMillis());
  }

  static UUID at(long epochMillis) {
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16; // 48-bit timestamp
    high |= 0x7000L; // version 7
    high |= ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL); // 12 random bits
    long low = 0x8000_0000_0000_0000L; // IETF variant (binary 10)
    low |= (random[2] & 0x3FL) << 56;
    for (int i = 3; i < 10; i++) {
      low |= (random[i] & 0xFFL) << (8 * (9 - i));
    }
    return new UUID(high, low);
  }
}
