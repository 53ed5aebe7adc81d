package io.contacthub.hub.bench;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Single-request ingest at a fixed arrival rate, whatever the answers do (an open loop, like
 * independent channels). Latency counts from when a request was due, not when it left: a stall that
 * delays later sends shows in their latency instead of hiding (coordinated omission).
 */
final class OpenLoopPhase {

  /** Requests in flight beyond this wait (their wait counts, since the clock started earlier). */
  static final int MAX_IN_FLIGHT = 512;

  private OpenLoopPhase() {}

  /**
   * Sends every body, one every {@code 1 / perSecond} seconds. Writes each request's due time
   * (epoch milliseconds) and latency (milliseconds) to {@code latencyLog}, a line each, so a tail
   * can be laid next to a GC log or the hub's log by wall-clock time.
   */
  static IngestResult run(HubClient hub, List<byte[]> bodies, int perSecond, Path latencyLog)
      throws InterruptedException, IOException {
    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    Outcomes outcomes = new Outcomes();
    long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
    long startMillis = System.currentTimeMillis() + 10;
    long[] latencies = new long[bodies.size()];
    for (int i = 0; i < bodies.size(); i++) {
      long due = start + i * interval;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      inFlight.acquire();
      int request = i;
      hub.ingest(Buffer.buffer(bodies.get(i)))
          .onComplete(
              (response, failure) -> {
                try {
                  SingleIngestPhase.settle(response, failure, outcomes);
                  long latency = System.nanoTime() - due;
                  outcomes.completed(latency);
                  latencies[request] = latency;
                } finally {
                  inFlight.release();
                }
              });
    }
    inFlight.acquire(MAX_IN_FLIGHT);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < latencies.length; i++) {
      SlowRequestCauses.logLine(lines, startMillis + i * interval / 1_000_000.0, latencies[i]);
    }
    Files.writeString(latencyLog, lines);
    return outcomes.result();
  }
}
