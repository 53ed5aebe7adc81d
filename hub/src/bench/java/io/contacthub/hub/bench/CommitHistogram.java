package io.contacthub.hub.bench;

import java.util.Locale;

/**
 * The hub's log group commits between two scrapes of {@code /metrics}: how many, how many records
 * each, and how long their write and sync took. An acknowledgement waits for one, so this splits an
 * ack latency tail between the disk and the rest.
 */
record CommitHistogram(ScrapedTimer commits, double records) {

  static CommitHistogram parse(String scrape) {
    double records = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith("hub_log_commit_records_sum")) {
        records += ScrapedTimer.value(line);
      }
    }
    return new CommitHistogram(ScrapedTimer.parse(scrape, "hub_log_commit_seconds"), records);
  }

  /** What happened after {@code earlier}. */
  CommitHistogram since(CommitHistogram earlier) {
    return new CommitHistogram(commits.since(earlier.commits), records - earlier.records);
  }

  String describe() {
    double count = commits.count();
    return String.format(
        Locale.ROOT,
        "%,.0f group commits, %.1f records each; write and sync %s (histogram bucket bounds)",
        count,
        count == 0 ? 0 : records / count,
        commits.percentiles());
  }
}
