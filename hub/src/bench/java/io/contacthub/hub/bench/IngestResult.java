package io.contacthub.hub.bench;

/**
 * What an ingest phase achieved: interactions acknowledged as durable, failures (with the first
 * failure's message), wall time and the latency of each request.
 */
record IngestResult(
    long acknowledged, long failed, String firstFailure, double seconds, Latencies latency) {

  double perSecond() {
    return acknowledged / seconds;
  }

  String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "%,d acknowledged in %.1f s = %,.0f/s; %d failed%s; per request: %s",
        acknowledged,
        seconds,
        perSecond(),
        failed,
        firstFailure == null ? "" : " (first: " + firstFailure + ")",
        latency.summary());
  }
}
