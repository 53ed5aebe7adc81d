package io.contacthub.hub.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counts acknowledged and failed interactions from any thread, keeping the first failure. */
final class Outcomes {

  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();
  private final Latencies latency = new Latencies();
  private final long start = System.nanoTime();
  private volatile long lastCompletion = start;

  void acknowledged(long count) {
    acknowledged.addAndGet(count);
  }

  void failed(long count, String why) {
    failed.addAndGet(count);
    firstFailure.compareAndSet(null, why);
  }

  /** A request completed (either way) at this moment, {@code nanos} after it was due. */
  void completed(long nanos) {
    latency.record(nanos);
    lastCompletion = System.nanoTime();
  }

  IngestResult result() {
    return new IngestResult(
        acknowledged.get(),
        failed.get(),
        firstFailure.get(),
        (lastCompletion - start) / 1e9,
        latency);
  }
}
