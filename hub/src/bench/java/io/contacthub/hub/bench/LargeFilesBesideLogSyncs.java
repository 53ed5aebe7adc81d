package io.contacthub.hub.bench;

import io.contacthub.hub.log.DurableFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What large files written and freed beside the interaction log do to the log's syncs: one thread
 * appends 2 KB records to a file and syncs each (the log writer under single requests), while the
 * main thread, alternately the old way and the new:
 *
 * <ul>
 *   <li>replaces a routing-snapshot-sized file: as {@link DurableFiles#replace} does (a sync every
 *       256 KB, the old content freed in steps) or as it did before (one sync at the end, the old
 *       content freed by the rename);
 *   <li>reclaims log segments (64 MB each) as an index commit lets the log do: deleted at once, as
 *       before, or freed in steps ({@link DurableFiles#freeInSteps}).
 * </ul>
 *
 * A quiet spell of 3 s follows each and counts for it. Prints the log's sync latencies in each.
 *
 * <p>Command (after {@code mvn -Pbench test-compile}): {@code java -cp ... LargeFilesBesideLogSyncs
 * [DIR [SNAPSHOT_MB [ROUNDS [SEGMENTS]]]]} (defaults {@code target/bench 115 3 9}); DIR must be on
 * the disk under test.
 */
public final class LargeFilesBesideLogSyncs {

  private static final int RECORD_BYTES = 2_048;
  private static final long QUIET_MILLIS = 3_000;
  private static final int SEGMENT_MB = 64;

  private static final Map<String, Latencies> SYNCS = new LinkedHashMap<>();
  private static volatile String state = "setting up";
  private static volatile boolean running = true;

  private LargeFilesBesideLogSyncs() {}

  public static void main(String[] args) throws Exception {
    Path parent = Path.of(args.length > 0 ? args[0] : "target/bench");
    long snapshotMb = args.length > 1 ? Long.parseLong(args[1]) : 115;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int segments = args.length > 3 ? Integer.parseInt(args[3]) : 9;
    Files.createDirectories(parent);
    Path dir = Files.createTempDirectory(parent, "large-files-beside-log");
    for (String s :
        List.of(
            "snapshot at once",
            "snapshot in steps",
            "reclaim at once",
            "reclaim in steps",
            "setting up")) {
      SYNCS.put(s, new Latencies());
      SYNCS.put("quiet after " + s, new Latencies());
    }
    Thread log = Thread.ofPlatform().name("log").start(() -> appendAndSync(dir));
    try {
      byte[] line = jsonLine();
      long lines = snapshotMb * (1 << 20) / line.length;
      DurableFiles.Content snapshot = out -> writeLines(out, line, lines);
      Path file = dir.resolve("snapshot.json");
      // Every measured snapshot replaces one as large, as a routing snapshot does.
      replaceAtOnce(file, snapshot);
      quietAfter("setting up");
      for (int round = 1; round <= rounds; round++) {
        timed(round, "snapshot at once", () -> replaceAtOnce(file, snapshot));
        timed(round, "snapshot in steps", () -> DurableFiles.replace(file, snapshot));
        for (boolean inSteps : new boolean[] {false, true}) {
          state = "setting up";
          List<Path> written = writeSegments(dir, segments);
          quietAfter("setting up");
          timed(
              round,
              inSteps ? "reclaim in steps" : "reclaim at once",
              () -> {
                for (Path segment : written) {
                  if (inSteps) {
                    DurableFiles.freeInSteps(segment);
                  } else {
                    Files.delete(segment);
                  }
                }
              });
        }
      }
    } finally {
      running = false;
      log.join();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    SYNCS.forEach(
        (s, l) -> System.out.printf(Locale.ROOT, "log syncs, %-30s %s%n", s + ":", l.summary()));
  }

  private interface Work {
    void run() throws IOException;
  }

  private static void timed(int round, String what, Work work)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    state = what;
    work.run();
    System.out.printf(
        Locale.ROOT, "round %d, %s: %.2f s%n", round, what, (System.nanoTime() - start) / 1e9);
    quietAfter(what);
  }

  private static void quietAfter(String what) throws InterruptedException {
    state = "quiet after " + what;
    Thread.sleep(QUIET_MILLIS); // a spell with no file being written, not a synchronization
  }

  /** The log writer under a trickle of single requests: append a record, sync, again. */
  private static void appendAndSync(Path dir) {
    ByteBuffer record = ByteBuffer.wrap(new byte[RECORD_BYTES]);
    try (FileChannel ch =
        FileChannel.open(
            dir.resolve("log"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long position = 0;
      while (running) {
        String during = state;
        long start = System.nanoTime();
        record.clear();
        while (record.hasRemaining()) {
          position += ch.write(record, position);
        }
        ch.force(false);
        if (during.equals(state)) {
          SYNCS.get(during).record(System.nanoTime() - start);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What {@link DurableFiles#replace} did before it synced and freed in steps. */
  private static void replaceAtOnce(Path file, DurableFiles.Content content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try (FileChannel ch =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
      content.writeTo(out);
      out.flush();
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel d = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  /** Full, synced segments, as the log leaves them behind an index commit. */
  private static List<Path> writeSegments(Path dir, int count) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
    List<Path> written = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path segment = dir.resolve(String.format(Locale.ROOT, "%020d.log", i));
      try (FileChannel ch =
          FileChannel.open(segment, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        for (int mb = 0; mb < SEGMENT_MB; mb++) {
          chunk.clear();
          while (chunk.hasRemaining()) {
            ch.write(chunk);
          }
          ch.force(false); // as the log syncs as it goes, so setting up is no burst either
        }
      }
      written.add(segment);
    }
    return written;
  }

  private static void writeLines(OutputStream out, byte[] line, long lines) throws IOException {
    for (long i = 0; i < lines; i++) {
      out.write(line);
    }
  }

  /** A line shaped like a routing snapshot's: 256 open items. */
  private static byte[] jsonLine() {
    StringBuilder s = new StringBuilder("{\"items\":[");
    for (int i = 0; i < 256; i++) {
      s.append(i == 0 ? "" : ",")
          .append("{\"conversationId\":\"conv-")
          .append(100_000 + i)
          .append("\",\"queue\":\"support\",\"status\":\"queued\",\"arrivedAt\":")
          .append(1_790_000_000_000L + i)
          .append(",\"slaDueAt\":")
          .append(1_790_000_300_000L + i)
          .append(",\"skills\":[\"english\"],\"priority\":0}");
    }
    return s.append("]}\n").toString().getBytes(StandardCharsets.UTF_8);
  }
}
