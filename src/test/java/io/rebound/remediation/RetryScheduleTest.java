package io.rebound.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  @Test
  void attemptNWaitsTheNthBackoffEntryFirstOneIncluded() {
    List<Integer> backoff = List.of(10, 30, 60); // GatewayTimeout: rerun after 10 s, 30 s, 60 s
    assertThat(RetrySchedule.waitBefore(1, backoff)).isEqualTo(Duration.ofSeconds(10));
    assertThat(RetrySchedule.waitBefore(2, backoff)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetrySchedule.waitBefore(3, backoff)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aShortListRepeatsItsLastEntryAndAnEmptyOneMeansNoWait() {
    assertThat(RetrySchedule.waitBefore(5, List.of(10, 20))).isEqualTo(Duration.ofSeconds(20));
    assertThat(RetrySchedule.waitBefore(1, List.of())).isEqualTo(Duration.ZERO);
  }

  @Test
  void aNegativeEntryNeverSchedulesInThePast() {
    assertThat(RetrySchedule.waitBefore(1, List.of(-5))).isEqualTo(Duration.ZERO);
  }
}
