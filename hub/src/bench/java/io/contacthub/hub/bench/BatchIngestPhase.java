package io.contacthub.hub.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Bulk ingest through {@code POST /api/v1/interactions:batch}: batches of corpus lines, a few in
 * flight at once, each acknowledged only when all its items are durable.
 */
final class BatchIngestPhase {

  private BatchIngestPhase() {}

  static IngestResult run(
      HubClient hub,
      CorpusFile.Reader corpus,
      long count,
      int batchSize,
      int concurrency,
      SampledCustomers sampled)
      throws IOException, InterruptedException {
    Semaphore inFlight = new Semaphore(concurrency);
    Outcomes outcomes = new Outcomes();
    long sent = 0;
    while (sent < count) {
      List<CorpusFile.Line> lines = corpus.next((int) Math.min(batchSize, count - sent));
      if (lines.isEmpty()) {
        break;
      }
      sent += lines.size();
      Buffer body = body(lines);
      inFlight.acquire();
      long begin = System.nanoTime();
      hub.ingestBatch(body)
          .onComplete(
              (response, failure) -> {
                try {
                  if (failure != null) {
                    outcomes.failed(lines.size(), failure.toString());
                  } else if (response.statusCode() != 200) {
                    outcomes.failed(
                        lines.size(),
                        "HTTP " + response.statusCode() + " " + response.bodyAsString());
                  } else {
                    count(
                        response.bodyAsJsonObject().getJsonArray("results"),
                        lines,
                        outcomes,
                        sampled);
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

  static Buffer body(List<CorpusFile.Line> lines) {
    int size = 16;
    for (CorpusFile.Line line : lines) {
      size += line.json().length + 1;
    }
    Buffer body = Buffer.buffer(size).appendString("{\"items\":[");
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        body.appendByte((byte) ',');
      }
      body.appendBytes(lines.get(i).json());
    }
    return body.appendString("]}");
  }

  private static void count(
      JsonArray results, List<CorpusFile.Line> lines, Outcomes outcomes, SampledCustomers sampled) {
    for (int i = 0; i < results.size(); i++) {
      JsonObject r = results.getJsonObject(i);
      if (r.containsKey("error")) {
        outcomes.failed(1, r.getJsonObject("error").encode());
      } else if (r.getBoolean("duplicate", false)) {
        outcomes.failed(1, "unexpected duplicate: " + r.encode());
      } else {
        outcomes.acknowledged(1);
        sampled.acknowledged(lines.get(i).customer(), r);
      }
    }
  }
}
