package io.rebound.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Writer threads that take everything waiting in a queue and write it as one batch (group commit):
 * under load one transaction covers every item that arrived while the previous one was committing;
 * when idle an item is written as soon as it arrives, or after the gather time when one is set. On
 * stop the queue is written out before the threads end.
 *
 * @param <T> what is queued
 */
abstract class BatchingWriter<T> implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(BatchingWriter.class);

  private final String threadName;
  private final int threadCount;
  private final int maxBatch;
  private final long gatherNanos;
  private final BlockingQueue<T> queue;
  private final List<Thread> threads = new ArrayList<>();

  /** Items queued or in a batch being written: idle exactly when zero. */
  private final AtomicInteger unwritten = new AtomicInteger();

  /** Held while a caller writes its own item (at most one at a time: see writeHereIfIdle). */
  private final Semaphore callerWrite = new Semaphore(1);

  private volatile boolean running;

  /**
   * @param gather how long a writer thread waits for more items after the first before writing a
   *     batch that is not full; zero writes at once (for items whose senders wait for the commit)
   */
  BatchingWriter(String threadName, int threadCount, int capacity, int maxBatch, Duration gather) {
    this.threadName = threadName;
    this.threadCount = Math.max(1, threadCount);
    this.maxBatch = maxBatch;
    this.gatherNanos = gather.toNanos();
    this.queue = new ArrayBlockingQueue<>(Math.max(maxBatch, capacity));
  }

  /** Writes one batch; must handle (or report to its items) every failure. */
  abstract void write(List<T> batch);

  /** Queues an item, waiting up to the timeout for room; false if not queued. */
  boolean enqueue(T item, long timeout, TimeUnit unit) throws InterruptedException {
    unwritten.incrementAndGet();
    boolean queued = false;
    try {
      queued = running && queue.offer(item, timeout, unit);
      return queued;
    } finally {
      if (!queued) {
        unwritten.decrementAndGet();
      }
    }
  }

  /** Queues an item if there is room now; false if not queued. */
  boolean enqueue(T item) {
    unwritten.incrementAndGet();
    if (running && queue.offer(item)) {
      return true;
    }
    unwritten.decrementAndGet();
    return false;
  }

  /**
   * Writes the item on the caller's own thread when nothing is queued and no other caller is doing
   * the same; false when it must be queued instead. A lone item (a quiet moment, a sequential
   * sender) then costs no hand-over to a writer thread and back, two thread wake-ups that were most
   * of a webhook's latency on a busy machine. Under load the queue is not empty, and items are
   * grouped into batches by the writer threads as before.
   */
  boolean writeHereIfIdle(T item) {
    if (!running || !queue.isEmpty() || !callerWrite.tryAcquire()) {
      return false;
    }
    unwritten.incrementAndGet();
    try {
      write(List.of(item));
      return true;
    } finally {
      unwritten.decrementAndGet();
      callerWrite.release();
    }
  }

  /** True when no item waits in the queue (one may be in a batch being gathered or written). */
  boolean nothingQueued() {
    return queue.isEmpty();
  }

  /** True when nothing waits and no batch is being written. */
  boolean idle() {
    return unwritten.get() == 0;
  }

  private void run() {
    List<T> batch = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      try {
        T first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        gatherMore(batch);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      } catch (RuntimeException e) {
        log.error("{} failed to write a batch of {}", threadName, batch.size(), e);
      } finally {
        unwritten.addAndGet(-batch.size());
        batch.clear();
      }
    }
  }

  /**
   * Waits up to the gather time for more items: items trickling in one at a time (a sequential
   * sender) then share one commit instead of each taking the database's commit lock and a commit's
   * CPU while the next sender's delivery is being stored. Stops waiting once the writer is stopped.
   */
  private void gatherMore(List<T> batch) throws InterruptedException {
    long deadline = System.nanoTime() + gatherNanos;
    while (gatherNanos > 0 && running && batch.size() < maxBatch) {
      long left = Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(200));
      if (left <= 0) {
        return;
      }
      T next = queue.poll(left, TimeUnit.NANOSECONDS);
      if (next != null) {
        batch.add(next);
        queue.drainTo(batch, maxBatch - batch.size());
      }
    }
  }

  @Override
  public void start() {
    running = true;
    for (int i = 1; i <= threadCount; i++) {
      Thread thread = new Thread(this::run, threadCount == 1 ? threadName : threadName + "-" + i);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
  }

  @Override
  public void stop() {
    running = false;
    try {
      for (Thread thread : threads) {
        thread.join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    threads.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Starts before and stops after the web server (whose phases are near DEFAULT_PHASE). */
  @Override
  public int getPhase() {
    return 0;
  }
}
