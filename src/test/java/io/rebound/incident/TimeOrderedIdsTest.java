package io.rebound.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

  @Test
  void idsAreVersion7WithTheIetfVariantAndCarryTheirMillisecond() {
    long millis = 1_763_900_000_123L;
    UUID id = TimeOrderedIds.at(millis);
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
  }

  @Test
  void laterMillisecondsSortAfterEarlierOnesAsTextAndAsNumbers() {
    UUID earlier = TimeOrderedIds.at(1_763_900_000_000L);
    UUID later = TimeOrderedIds.at(1_763_900_000_001L);
    assertThat(later.toString()).isGreaterThan(earlier.toString());
    assertThat(
            Long.compareUnsigned(later.getMostSignificantBits(), earlier.getMostSignificantBits()))
        .isPositive();
  }

  @Test
  void idsOfTheSameMillisecondStillDiffer() {
    Set<UUID> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(TimeOrderedIds.at(1_763_900_000_000L));
    }
    assertThat(ids).hasSize(10_000);
  }
}
