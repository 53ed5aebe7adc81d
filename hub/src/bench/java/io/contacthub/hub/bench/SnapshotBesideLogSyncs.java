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
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a large file replaced beside the interaction log does to the log's syncs: one thread appends
 * 2 KB records to a file and syncs each (the log writer under single requests), while the main
 * thread replaces a routing-snapshot-sized file, alternately as {@link DurableFiles#replace} does
 * (a sync every 256 KB, the old content freed in steps) and as it did before (one sync at the end,
 * the old content freed by the rename), with quiet spells between. Prints the log's sync latencies
 * in each state and how long each file took.
 *
 * <p>Command (after {@code mvn -Pbench test-compile}): {@code java -cp ... SnapshotBesideLogSyncs
 * [DIR [MEGABYTES [ROUNDS]]]}; DIR must be on the disk under test (default {@code target/bench}).
 */
public final class SnapshotBesideLogSyncs {

  /** What the main thread is doing; a quiet spell counts for the way that preceded it. */
  private enum State {
    FIRST_FILE,
    AT_ONCE,
    QUIET_AFTER_AT_ONCE,
    IN_STEPS,
    QUIET_AFTER_IN_STEPS
  }

  private static final int RECORD_BYTES = 2_048;
  private static final long QUIET_MILLIS = 3_000;

  private static volatile State state = State.FIRST_FILE;
  private static volatile boolean running = true;

  private SnapshotBesideLogSyncs() {}

  public static void main(String[] args) throws Exception {
    Path parent = Path.of(args.length > 0 ? args[0] : "target/bench");
    long megabytes = args.length > 1 ? Long.parseLong(args[1]) : 115;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Files.createDirectories(parent);
    Path dir = Files.createTempDirectory(parent, "snapshot-beside-log");
    Map<State, Latencies> syncs = new EnumMap<>(State.class);
    for (State s : State.values()) {
      syncs.put(s, new Latencies());
    }
    Thread log = Thread.ofPlatform().name("log").start(() -> appendAndSync(dir, syncs));
    try {
      byte[] line = jsonLine();
      long lines = megabytes * (1 << 20) / line.length;
      Path file = dir.resolve("snapshot.json");
      // Every measured write replaces a file as large, as a routing snapshot does.
      replaceWithOneSync(file, out -> writeLines(out, line, lines));
      quiet(State.FIRST_FILE);
      for (int round = 1; round <= rounds; round++) {
        for (State way : new State[] {State.AT_ONCE, State.IN_STEPS}) {
          long start = System.nanoTime();
          state = way;
          DurableFiles.Content content = out -> writeLines(out, line, lines);
          if (way == State.IN_STEPS) {
            DurableFiles.replace(file, content);
          } else {
            replaceWithOneSync(file, content);
          }
          State after =
              way == State.IN_STEPS ? State.QUIET_AFTER_IN_STEPS : State.QUIET_AFTER_AT_ONCE;
          state = after;
          System.out.printf(
              Locale.ROOT,
              "round %d, %s: %,d MB in %.2f s%n",
              round,
              way,
              Files.size(file) >> 20,
              (System.nanoTime() - start) / 1e9);
          quiet(after);
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
    syncs.forEach((s, l) -> System.out.printf(Locale.ROOT, "log syncs, %s: %s%n", s, l.summary()));
  }

  private static void quiet(State spell) throws InterruptedException {
    state = spell;
    Thread.sleep(QUIET_MILLIS); // a spell with no file being written, not a synchronization
  }

  /** The log writer under a trickle of single requests: append a record, sync, again. */
  private static void appendAndSync(Path dir, Map<State, Latencies> syncs) {
    ByteBuffer record = ByteBuffer.wrap(new byte[RECORD_BYTES]);
    try (FileChannel ch =
        FileChannel.open(
            dir.resolve("log"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long position = 0;
      while (running) {
        State during = state;
        long start = System.nanoTime();
        record.clear();
        while (record.hasRemaining()) {
          position += ch.write(record, position);
        }
        ch.force(false);
        if (during == state) {
          syncs.get(during).record(System.nanoTime() - start);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What {@link DurableFiles#replace} did before it synced as it went. */
  private static void replaceWithOneSync(Path file, DurableFiles.Content content)
      throws IOException {
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
