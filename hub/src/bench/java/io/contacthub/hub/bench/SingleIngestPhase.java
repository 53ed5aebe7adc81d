package io.contacthub.hub.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * The most single-request ingests ({@code POST /api/v1/interactions}) the hub acknowledges per
 * second: a closed loop keeping {@code concurrency} requests in flight for a fixed time.
 */
final class SingleIngestPhase {

  private SingleIngestPhase() {}

  static IngestResult run(
      HubClient hub,
      CorpusFile.Reader corpus,
      long maxItems,
      Duration duration,
      int concurrency,
      SampledCustomers sampled)
      throws IOException, InterruptedException {
    Semaphore inFlight = new Semaphore(concurrency);
    Outcomes outcomes = new Outcomes();
    long end = System.nanoTime() + duration.toNanos();
    for (long sent = 0; sent < maxItems && System.nanoTime() < end; sent++) {
      CorpusFile.Line line = corpus.next();
      if (line == null) {
        break;
      }
      inFlight.acquire();
      long begin = System.nanoTime();
      hub.ingest(Buffer.buffer(line.json()))
          .onComplete(
              (response, failure) -> {
                try {
                  settle(response, failure, outcomes);
                  if (failure == null && response.statusCode() == 201) {
                    sampled.acknowledged(line.customer(), response.bodyAsJsonObject());
                  }
                  outcomes.completed(System.nanoTime() - begin);
                } finally {
                  inFlight.release();
                }
              });
    }
    inFlight.acquire(concurrency);
    return outcomes.result();
  }

  /** Counts one single-ingest answer: 201 is a new durable interaction, anything else a failure. */
  static void settle(HttpResponse<Buffer> response, Throwable failure, Outcomes outcomes) {
    if (failure != null) {
      outcomes.failed(1, failure.toString());
    } else if (response.statusCode() != 201) {
      outcomes.failed(1, "HTTP " + response.statusCode() + " " + response.bodyAsString());
    } else {
      outcomes.acknowledged(1);
    }
  }
}
