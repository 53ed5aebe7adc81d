package io.contacthub.hub.log;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Records whose content tells their seq, and helpers to write and read them back. */
final class LogFixtures {

  /** Small segments so tests roll often; synced, as in production. */
  static final LogOptions SMALL_SEGMENTS = new LogOptions(1024, true);

  /** A replayed record. */
  record Entry(long seq, byte[] record) {}

  private LogFixtures() {}

  /** A record of {@code size} bytes (at least 8) whose first 8 bytes hold {@code seq}. */
  static byte[] record(long seq, int size) {
    ByteBuffer record = ByteBuffer.allocate(size).putLong(seq);
    while (record.hasRemaining()) {
      record.put((byte) (seq * 31 + record.position()));
    }
    return record.array();
  }

  /** Appends {@code count} records of {@code size} bytes, one per call, and waits for them. */
  static void appendEach(InteractionLog log, int count, int size) throws Exception {
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(log.append(List.of(record(log.nextSeq(), size))));
    }
    await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)));
  }

  static <T> T await(CompletableFuture<T> future)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(30, SECONDS);
  }

  static List<Entry> replay(InteractionLog log, long fromSeq) throws IOException {
    List<Entry> entries = new ArrayList<>();
    log.replay(fromSeq, (seq, record) -> entries.add(new Entry(seq, record)));
    return entries;
  }

  /** The seqs of the entries, for compact assertions. */
  static List<Long> seqs(List<Entry> entries) {
    return entries.stream().map(Entry::seq).toList();
  }

  /** Damages one byte of a file, as a failing disk would. */
  static void flipByte(Path file, long offset) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, offset);
      one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
      channel.write(one, offset);
    }
  }

  /** Seqs {@code from} to {@code to - 1}. */
  static List<Long> range(long from, long to) {
    List<Long> seqs = new ArrayList<>();
    for (long seq = from; seq < to; seq++) {
      seqs.add(seq);
    }
    return seqs;
  }
}
