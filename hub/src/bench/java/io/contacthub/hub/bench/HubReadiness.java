package io.contacthub.hub.bench;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits on {@code /health/ready}: for the hub to serve, and for its index to catch up. */
final class HubReadiness {

  private HubReadiness() {}

  static void awaitUp(HubClient client, HubProcess hub, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!hub.alive()) {
        throw new IllegalStateException("the hub exited during start-up; see its log");
      }
      try {
        if ("UP".equals(Await.result(client.readiness()).getString("status"))) {
          return;
        }
      } catch (IllegalStateException notListeningYet) {
        // Connection refused until the HTTP server is up.
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new IllegalStateException("the hub was not ready within " + timeout);
  }

  /** Waits until everything acknowledged is searchable; returns the final readiness JSON. */
  static JsonObject awaitIndexed(HubClient client, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonObject r = Await.result(client.readiness());
      if (r.getInteger("indexBacklog", 1) == 0
          && r.getLong("searchableSeq", -1L) >= r.getLong("nextSeq", 0L) - 1) {
        return r;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the index did not catch up within " + timeout + ": " + r);
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }
}
