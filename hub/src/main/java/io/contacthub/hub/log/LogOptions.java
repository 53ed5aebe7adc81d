package io.contacthub.hub.log;

/**
 * How a {@link SegmentedFileLog} lays out and syncs its files.
 *
 * @param segmentBytes a segment takes records until the next one would pass this size; a record
 *     larger than this gets a segment of its own
 * @param fsync whether appends wait for the disk. Off only for tests and benchmarks that say so:
 *     without it a machine crash loses acknowledged records.
 */
public record LogOptions(long segmentBytes, boolean fsync) {

  public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
  public static final boolean DEFAULT_FSYNC = true;
  public static final LogOptions DEFAULTS = new LogOptions(DEFAULT_SEGMENT_BYTES, DEFAULT_FSYNC);

  public LogOptions {
    if (segmentBytes <= SegmentFormat.HEADER_BYTES) {
      throw new IllegalArgumentException(
          "segmentBytes must exceed the " + SegmentFormat.HEADER_BYTES + "-byte segment header");
    }
  }
}
