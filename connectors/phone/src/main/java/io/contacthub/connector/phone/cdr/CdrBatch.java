package io.contacthub.connector.phone.cdr;

import io.contacthub.connector.phone.call.Call;
import java.util.List;

/**
 * What a call-log file holds: the calls read from it, the lines that could not be read (with why),
 * and how many lines were calls between two extensions, which are not customer calls.
 */
public record CdrBatch(List<Row> calls, List<Rejected> rejected, int skipped) {

  /** A call and the line it was read from. */
  public record Row(long line, Call call) {}

  /** A line that is not a usable call record. */
  public record Rejected(long line, String reason) {}

  public CdrBatch {
    calls = List.copyOf(calls);
    rejected = List.copyOf(rejected);
  }
}
