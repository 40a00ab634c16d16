package io.rebound.policy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values per key reused for a short while: an alert storm on one resource reads its state from the
 * database once per TTL, not once per alert. Bounded: past its size it starts over.
 */
public final class StateCache<K, V> {

  private record Entry<V>(V value, long loadedAt) {}

  private static final int LIMIT = 10_000;

  private final long ttlNanos;
  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

  public StateCache(Duration ttl) {
    this.ttlNanos = ttl.toNanos();
  }

  public V get(K key, Function<K, V> load) {
    long now = System.nanoTime();
    Entry<V> e = entries.get(key);
    if (e != null && now - e.loadedAt() < ttlNanos) {
      return e.value();
    }
    V value = load.apply(key);
    if (ttlNanos > 0) {
      if (entries.size() >= LIMIT) {
        entries.clear();
      }
      entries.put(key, new Entry<>(value, now));
    }
    return value;
  }

  /** Forgets a key whose state just changed here, so the next decision reads it fresh. */
  public void forget(K key) {
    entries.remove(key);
  }
}
