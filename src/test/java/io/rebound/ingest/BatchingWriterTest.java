package io.rebound.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchingWriterTest {

  /** Records which thread wrote which batch; a write of "block" waits until released. */
  static final class Recording extends BatchingWriter<String> {
    final List<String> writtenBy = new CopyOnWriteArrayList<>();
    final List<List<String>> batches = new CopyOnWriteArrayList<>();
    final CountDownLatch blocked = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    Recording() {
      this(Duration.ZERO, 10);
    }

    Recording(Duration gather, int maxBatch) {
      super("test-writer", 1, 100, maxBatch, gather);
    }

    @Override
    void write(List<String> batch) {
      writtenBy.add(Thread.currentThread().getName());
      batches.add(List.copyOf(batch));
      if (batch.contains("block")) {
        blocked.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private final Recording writer = new Recording();

  @AfterEach
  void stop() {
    writer.release.countDown();
    writer.stop();
  }

  @Test
  void aLoneItemIsWrittenOnTheCallersThreadWithoutAHandOver() {
    writer.start();

    assertThat(writer.writeHereIfIdle("alone")).isTrue();

    assertThat(writer.batches).containsExactly(List.of("alone"));
    assertThat(writer.writtenBy).containsExactly(Thread.currentThread().getName());
    assertThat(writer.idle()).isTrue();
  }

  @Test
  void whileAnotherCallerWritesItsOwnTheNextIsQueuedForTheWriterThread() throws Exception {
    writer.start();
    Thread first = new Thread(() -> writer.writeHereIfIdle("block"), "first-caller");
    first.start();
    assertThat(writer.blocked.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(writer.writeHereIfIdle("second")).isFalse();
    assertThat(writer.enqueue("second")).isTrue();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> writer.batches.contains(List.of("second")));
    writer.release.countDown();
    first.join(10_000);

    assertThat(writer.writtenBy).containsExactly("first-caller", "test-writer");
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(writer::idle);
  }

  @Test
  void itemsArrivingWhileTheWriterGathersAreWrittenAsOneBatch() {
    Recording gathering = new Recording(Duration.ofMinutes(1), 3);
    gathering.start();
    try {
      assertThat(gathering.enqueue("a")).isTrue();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(gathering::nothingQueued);
      assertThat(gathering.enqueue("b")).isTrue();
      assertThat(gathering.enqueue("c")).isTrue();

      // a full batch is written at once, without waiting out the gather time
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(gathering::idle);
      assertThat(gathering.batches).containsExactly(List.of("a", "b", "c"));
    } finally {
      gathering.stop();
    }
  }

  @Test
  void stoppingWritesAPartlyGatheredBatchOut() {
    Recording gathering = new Recording(Duration.ofMinutes(1), 3);
    gathering.start();
    assertThat(gathering.enqueue("a")).isTrue();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(gathering::nothingQueued);

    gathering.stop();

    assertThat(gathering.batches).containsExactly(List.of("a"));
    assertThat(gathering.idle()).isTrue();
  }

  @Test
  void nothingIsWrittenHereOnceTheWriterIsStopped() {
    assertThat(writer.writeHereIfIdle("late")).isFalse();
    assertThat(writer.batches).isEmpty();
  }
}
