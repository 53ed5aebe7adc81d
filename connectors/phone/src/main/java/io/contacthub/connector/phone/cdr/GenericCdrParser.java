package io.contacthub.connector.phone.cdr;

import io.contacthub.connector.Direction;
import io.contacthub.connector.phone.call.Call;
import io.contacthub.connector.phone.call.CallEvent;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a call log any phone system can export: a header row naming the columns (any order, any
 * case), then one call per line. Required: {@code callId}, {@code direction} (in/out), {@code
 * start}, and {@code from} or {@code to}. Optional: {@code answer}, {@code end}, {@code duration}
 * (talk seconds, when there is no end), {@code status} (answered, missed, abandoned, busy, no
 * answer), {@code cause}, {@code agent}, {@code queue}, {@code recordingUrl}. Times are ISO-8601
 * with an offset, or {@code yyyy-MM-dd HH:mm:ss} in the given zone.
 */
public final class GenericCdrParser {

  public CdrBatch parse(Reader in, ZoneId zone) throws IOException {
    List<CdrBatch.Row> calls = new ArrayList<>();
    List<CdrBatch.Rejected> rejected = new ArrayList<>();
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();
    try (CSVParser parser = CSVParser.parse(in, format)) {
      for (CSVRecord r : parser) {
        Map<String, String> row = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        r.toMap().forEach((k, v) -> row.put(k.strip(), v));
        // The header is line 1, so a record's line is its number plus one.
        long line = r.getRecordNumber() + 1;
        try {
          calls.add(new CdrBatch.Row(line, call(row, zone)));
        } catch (IllegalArgumentException e) {
          rejected.add(new CdrBatch.Rejected(line, e.getMessage()));
        }
      }
    }
    return new CdrBatch(calls, rejected, 0);
  }

  private static Call call(Map<String, String> row, ZoneId zone) {
    String callId = required(row, "callId");
    Direction direction =
        switch (required(row, "direction").toLowerCase(Locale.ROOT)) {
          case "in", "inbound" -> Direction.INBOUND;
          case "out", "outbound" -> Direction.OUTBOUND;
          default -> throw new IllegalArgumentException("direction must be in or out");
        };
    String from = value(row, "from");
    String to = value(row, "to");
    if (from == null && to == null) {
      throw new IllegalArgumentException("from or to is required");
    }
    Instant start = CdrTimes.parse(required(row, "start"), zone, "start");
    Instant answer = CdrTimes.parse(value(row, "answer"), zone, "answer");
    Instant end = CdrTimes.parse(value(row, "end"), zone, "end");
    String status =
        value(row, "status") == null ? "" : value(row, "status").toLowerCase(Locale.ROOT);
    boolean answered = answer != null || status.equals("answered") || status.equals("ended");
    if (answered && answer == null) {
      answer = start;
    }
    if (end == null) {
      String talk = value(row, "duration");
      long seconds;
      try {
        seconds = talk == null ? 0 : Long.parseLong(talk);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("duration '" + talk + "' is not a number of seconds");
      }
      end = (answer != null ? answer : start).plusSeconds(seconds);
    }
    Call call =
        Call.first(
            CallEvent.loggedRing(callId, start, direction, from, to, value(row, "queue")), null);
    if (answered) {
      call = call.answered(answer, value(row, "agent"));
    }
    String cause = value(row, "cause") != null ? value(row, "cause") : cause(status, answered);
    call = call.hungUp(end, cause);
    String recording = value(row, "recordingUrl");
    return recording == null ? call : call.withRecording(recording);
  }

  private static String cause(String status, boolean answered) {
    if (answered) {
      return "normalClearing";
    }
    return switch (status) {
      case "abandoned" -> "cancel";
      case "busy" -> "busy";
      case "missed", "no answer", "noanswer", "" -> "noAnswer";
      default -> status;
    };
  }

  private static String required(Map<String, String> row, String column) {
    String v = value(row, column);
    if (v == null) {
      throw new IllegalArgumentException(column + " is required");
    }
    return v;
  }

  private static String value(Map<String, String> row, String column) {
    String v = row.get(column);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
