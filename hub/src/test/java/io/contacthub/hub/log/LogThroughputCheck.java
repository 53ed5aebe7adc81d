package io.contacthub.hub.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Measures the log with fsync on, run by hand (not a test) with Java 21+. From {@code hub/}, after
 * {@code mvn test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt}: {@code java
 * -cp target/classes:target/test-classes:$(cat target/cp.txt)
 * io.contacthub.hub.log.LogThroughputCheck [dir]}. The directory must be on the disk under test,
 * not a RAM disk.
 *
 * <ol>
 *   <li>Throughput: 200,000 records of 1.5 KB from one thread in batches of 1, 10 and 100, with at
 *       most {@value #IN_FLIGHT_RECORDS} records unacknowledged (the caller's back-pressure).
 *   <li>Ack latency at the hub's expected rate: single-record appends arriving at 1,000/s, next to
 *       the same arrivals written and synced one by one on a plain file (no group commit): the
 *       disk's own service time, and the latency from arrival that a caller of such a log sees.
 * </ol>
 */
public final class LogThroughputCheck {

  private static final int RECORDS = 200_000;
  private static final int RECORD_BYTES = 1_500;
  private static final int IN_FLIGHT_RECORDS = 1_000;
  private static final int PACED_APPENDS = 10_000;
  private static final int PACED_RATE = 1_000;

  private final Path root;
  private final List<byte[]> pool = new ArrayList<>();
  private int runs;

  private LogThroughputCheck(Path root) {
    this.root = root;
    Random random = new Random(1);
    for (int i = 0; i < 1_000; i++) {
      byte[] record = new byte[RECORD_BYTES];
      random.nextBytes(record);
      pool.add(record);
    }
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : "target/log-throughput");
    Files.createDirectories(root);
    LogThroughputCheck check = new LogThroughputCheck(root);
    check.throughput(100, 20_000); // warm-up, not printed
    for (int batch : new int[] {1, 10, 100}) {
      System.out.println(check.throughput(batch, RECORDS));
    }
    System.out.println(check.paced());
    System.out.println(check.diskBaseline());
  }

  private String throughput(int batchSize, int records) throws Exception {
    int appends = records / batchSize;
    long[] latencies = new long[appends];
    Semaphore inFlight = new Semaphore(IN_FLIGHT_RECORDS);
    Path dir = freshDir();
    long elapsed;
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, LogOptions.DEFAULTS)) {
      CompletableFuture<Long> last = null;
      long start = System.nanoTime();
      for (int i = 0; i < appends; i++) {
        inFlight.acquire(batchSize);
        long appendedAt = System.nanoTime();
        int index = i;
        last =
            log.append(batch(i, batchSize))
                .whenComplete(
                    (seq, error) -> {
                      latencies[index] = System.nanoTime() - appendedAt;
                      inFlight.release(batchSize);
                    });
      }
      last.get(5, TimeUnit.MINUTES);
      elapsed = System.nanoTime() - start;
    }
    delete(dir);
    return String.format(
        "batch %3d: %,d records in %.2f s = %,.0f records/s; append ack p50 %s p99 %s",
        batchSize,
        records,
        elapsed / 1e9,
        records / (elapsed / 1e9),
        millis(percentile(latencies, 50)),
        millis(percentile(latencies, 99)));
  }

  private String paced() throws Exception {
    long[] latencies = new long[PACED_APPENDS];
    long interval = TimeUnit.SECONDS.toNanos(1) / PACED_RATE;
    Path dir = freshDir();
    try (SegmentedFileLog log = SegmentedFileLog.open(dir, LogOptions.DEFAULTS)) {
      CompletableFuture<Long> last = null;
      long start = System.nanoTime();
      for (int i = 0; i < PACED_APPENDS; i++) {
        long due = start + i * interval;
        while (System.nanoTime() < due) {
          LockSupport.parkNanos(due - System.nanoTime());
        }
        long appendedAt = System.nanoTime();
        int index = i;
        last =
            log.append(batch(i, 1))
                .whenComplete((seq, error) -> latencies[index] = System.nanoTime() - appendedAt);
      }
      last.get(1, TimeUnit.MINUTES);
    }
    delete(dir);
    return String.format(
        "paced %,d single appends/s: ack p50 %s p99 %s p99.9 %s max %s",
        PACED_RATE,
        millis(percentile(latencies, 50)),
        millis(percentile(latencies, 99)),
        millis(percentile(latencies, 99.9)),
        millis(percentile(latencies, 100)));
  }

  private String diskBaseline() throws Exception {
    long[] service = new long[PACED_APPENDS];
    long[] fromArrival = new long[PACED_APPENDS];
    long interval = TimeUnit.SECONDS.toNanos(1) / PACED_RATE;
    Path dir = freshDir();
    Files.createDirectories(dir);
    try (FileChannel file =
        FileChannel.open(
            dir.resolve("baseline"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer record =
          ByteBuffer.allocateDirect(RECORD_BYTES + SegmentFormat.FRAME_HEADER_BYTES);
      long position = 0;
      long start = System.nanoTime();
      for (int i = 0; i < PACED_APPENDS; i++) {
        long due = start + i * interval;
        while (System.nanoTime() < due) {
          LockSupport.parkNanos(due - System.nanoTime());
        }
        long writtenAt = System.nanoTime();
        record.clear();
        while (record.hasRemaining()) {
          position += file.write(record, position);
        }
        file.force(false);
        long durableAt = System.nanoTime();
        service[i] = durableAt - writtenAt;
        fromArrival[i] = durableAt - due;
      }
    }
    delete(dir);
    return String.format(
        "plain file, write+fdatasync per record at %,d/s: service p50 %s p99 %s max %s;"
            + " from arrival p50 %s p99 %s p99.9 %s",
        PACED_RATE,
        millis(percentile(service, 50)),
        millis(percentile(service, 99)),
        millis(percentile(service, 100)),
        millis(percentile(fromArrival, 50)),
        millis(percentile(fromArrival, 99)),
        millis(percentile(fromArrival, 99.9)));
  }

  private List<byte[]> batch(int index, int size) {
    List<byte[]> batch = new ArrayList<>(size);
    for (int k = 0; k < size; k++) {
      batch.add(pool.get((index * size + k) % pool.size()));
    }
    return batch;
  }

  private Path freshDir() {
    return root.resolve("run-" + runs++);
  }

  private static long percentile(long[] values, double percent) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100 * sorted.length) - 1;
    return sorted[Math.max(0, rank)];
  }

  private static String millis(long nanos) {
    return String.format("%.2f ms", nanos / 1e6);
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
