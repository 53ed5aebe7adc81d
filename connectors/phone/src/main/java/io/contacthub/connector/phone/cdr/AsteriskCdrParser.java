package io.contacthub.connector.phone.cdr;

import io.contacthub.connector.Direction;
import io.contacthub.connector.phone.PhoneNumbers;
import io.contacthub.connector.phone.ami.ChannelNames;
import io.contacthub.connector.phone.call.Call;
import io.contacthub.connector.phone.call.CallEvent;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads Asterisk's {@code Master.csv} (cdr_csv), which has no header; its columns in order:
 * accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start, answer,
 * end, duration, billsec, disposition, amaflags, then uniqueid and userfield when {@code
 * loguniqueid} / {@code loguserfield} are on (and peeraccount, linkedid, sequence with {@code
 * newcdrcolumns}). Times are the PBX's local time unless {@code usegmtime} is on.
 *
 * <p>The call id is the uniqueid, the same id the AMI client records a call under, so a call seen
 * live and imported later is stored once. Without a uniqueid column, a digest of the whole line
 * stands in, which still makes a re-import of the same file idempotent.
 */
public final class AsteriskCdrParser {

  private static final int MIN_COLUMNS = 16;
  private static final int SRC = 1;
  private static final int DST = 2;
  private static final int DSTCHANNEL = 6;
  private static final int START = 9;
  private static final int ANSWER = 10;
  private static final int END = 11;
  private static final int DURATION = 12;
  private static final int BILLSEC = 13;
  private static final int DISPOSITION = 14;
  private static final int UNIQUEID = 16;

  private final PhoneNumbers numbers;

  public AsteriskCdrParser(PhoneNumbers numbers) {
    this.numbers = numbers;
  }

  public CdrBatch parse(Reader in, ZoneId zone) throws IOException {
    List<CdrBatch.Row> calls = new ArrayList<>();
    List<CdrBatch.Rejected> rejected = new ArrayList<>();
    int skipped = 0;
    CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
    try (CSVParser parser = CSVParser.parse(in, format)) {
      for (CSVRecord r : parser) {
        try {
          Call call = call(r, zone);
          if (call == null) {
            skipped++;
          } else {
            calls.add(new CdrBatch.Row(r.getRecordNumber(), call));
          }
        } catch (IllegalArgumentException e) {
          rejected.add(new CdrBatch.Rejected(r.getRecordNumber(), e.getMessage()));
        }
      }
    }
    return new CdrBatch(calls, rejected, skipped);
  }

  /** The call on one line, or null for a call between two extensions. */
  private Call call(CSVRecord r, ZoneId zone) {
    if (r.size() < MIN_COLUMNS) {
      throw new IllegalArgumentException(
          "expected at least " + MIN_COLUMNS + " columns of Master.csv, found " + r.size());
    }
    String src = r.get(SRC);
    String dst = r.get(DST);
    boolean fromInside = numbers.internal(src);
    if (fromInside && numbers.internal(dst)) {
      return null;
    }
    Instant start = CdrTimes.parse(r.get(START), zone, "start");
    if (start == null) {
      throw new IllegalArgumentException("start is empty");
    }
    long duration = seconds(r.get(DURATION), "duration");
    long billsec = seconds(r.get(BILLSEC), "billsec");
    Instant end = CdrTimes.parse(r.get(END), zone, "end");
    end = end != null ? end : start.plusSeconds(duration);
    Instant answer = CdrTimes.parse(r.get(ANSWER), zone, "answer");
    String disposition = r.get(DISPOSITION).strip().toUpperCase(Locale.ROOT);
    boolean answered = disposition.equals("ANSWERED");
    if (answered && answer == null) {
      answer = end.minusSeconds(billsec);
    }
    Direction direction = fromInside ? Direction.OUTBOUND : Direction.INBOUND;
    String uniqueId = r.size() > UNIQUEID ? r.get(UNIQUEID).strip() : "";
    String callId = uniqueId.isEmpty() ? "cdr-" + digest(r) : uniqueId;
    Call call = Call.first(CallEvent.loggedRing(callId, start, direction, src, dst, null), null);
    if (answered) {
      String agent =
          direction == Direction.INBOUND ? ChannelNames.extension(r.get(DSTCHANNEL)) : null;
      call = call.answered(answer, agent);
    }
    return call.hungUp(end, cause(disposition));
  }

  /** The disposition in the generic CTI vocabulary, so the state follows the same rule. */
  private static String cause(String disposition) {
    return switch (disposition) {
      case "ANSWERED" -> "normalClearing";
      case "NO ANSWER" -> "noAnswer";
      case "BUSY" -> "busy";
      case "CONGESTION" -> "congestion";
      case "FAILED" -> "notFound";
      default -> disposition.isEmpty() ? null : disposition.toLowerCase(Locale.ROOT);
    };
  }

  private static long seconds(String v, String column) {
    try {
      return v.isBlank() ? 0 : Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(column + " '" + v + "' is not a number of seconds");
    }
  }

  private static String digest(CSVRecord r) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (String v : r) {
        d.update(v.getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
      }
      return HexFormat.of().formatHex(d.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
