package io.rebound.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  @Test
  void retryNWaitsTheNthBackoffEntry() {
    List<Integer> backoff = List.of(30, 60, 120);
    assertThat(RetrySchedule.waitAfter(1, backoff)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetrySchedule.waitAfter(2, backoff)).isEqualTo(Duration.ofSeconds(60));
    assertThat(RetrySchedule.waitAfter(3, backoff)).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void aShortListRepeatsItsLastEntryAndAnEmptyOneMeansNoWait() {
    assertThat(RetrySchedule.waitAfter(5, List.of(10, 20))).isEqualTo(Duration.ofSeconds(20));
    assertThat(RetrySchedule.waitAfter(2, List.of())).isEqualTo(Duration.ZERO);
  }

  @Test
  void aNegativeEntryNeverSchedulesInThePast() {
    assertThat(RetrySchedule.waitAfter(1, List.of(-5))).isEqualTo(Duration.ZERO);
  }
}
