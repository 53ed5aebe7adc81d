package io.contacthub.hub.bench;

import io.vertx.core.buffer.Buffer;
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

  /** Sends every body, one every {@code 1 / perSecond} seconds. */
  static IngestResult run(HubClient hub, List<byte[]> bodies, int perSecond)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    Outcomes outcomes = new Outcomes();
    long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
    for (int i = 0; i < bodies.size(); i++) {
      long due = start + i * interval;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      inFlight.acquire();
      hub.ingest(Buffer.buffer(bodies.get(i)))
          .onComplete(
              (response, failure) -> {
                try {
                  SingleIngestPhase.settle(response, failure, outcomes);
                  outcomes.completed(System.nanoTime() - due);
                } finally {
                  inFlight.release();
                }
              });
    }
    inFlight.acquire(MAX_IN_FLIGHT);
    return outcomes.result();
  }
}
