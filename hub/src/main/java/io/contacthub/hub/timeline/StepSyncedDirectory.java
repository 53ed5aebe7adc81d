package io.contacthub.hub.timeline;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.LongAdder;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

/**
 * A file system directory whose index files are synced every {@code step} bytes while they are
 * written (flushes, merges, commits), instead of only by the commit.
 *
 * <p>Why: the page cache otherwise holds everything the index wrote in the 30 s between commits,
 * and the commit's syncs push it out in one burst, hundreds of megabytes after a busy minute. The
 * interaction log syncs on the same disk, and each of its syncs then waits behind that queue: one
 * commit held about 400 single acknowledgements over 10 ms (docs/benchmarks.md). Synced in steps,
 * the disk never has much queued, the thread that writes (a merge, the refresh) waits for its own
 * steps, and the commit finds little left to sync. Temporary files (Lucene's sort spills) are left
 * to the page cache: they are deleted before they would ever need the disk.
 */
final class StepSyncedDirectory extends FilterDirectory {

  private final Path path;
  private final long step;
  private final LongAdder stepsSynced = new LongAdder();

  StepSyncedDirectory(FSDirectory in, long step) {
    super(in);
    if (step <= 0) {
      throw new IllegalArgumentException("step must be positive");
    }
    this.path = in.getDirectory();
    this.step = step;
  }

  @Override
  public IndexOutput createOutput(String name, IOContext context) throws IOException {
    return new StepSyncedOutput(in.createOutput(name, context), path.resolve(name));
  }

  /** Steps synced so far, by every output of this directory. */
  long stepsSynced() {
    return stepsSynced.sum();
  }

  /**
   * Forwards every write, including the wide ones the file system's output implements itself, and
   * syncs the file through a second channel once another step has been written; the delegate keeps
   * its own buffer, so a step covers what reached the OS by then.
   */
  private final class StepSyncedOutput extends IndexOutput {
    private final IndexOutput out;
    private final Path file;
    private long nextSync = step;
    private FileChannel channel;

    StepSyncedOutput(IndexOutput out, Path file) {
      super("StepSyncedOutput(" + out + ")", out.getName());
      this.out = out;
      this.file = file;
    }

    @Override
    public void writeByte(byte b) throws IOException {
      out.writeByte(b);
      syncIfStepWritten();
    }

    @Override
    public void writeBytes(byte[] b, int offset, int length) throws IOException {
      out.writeBytes(b, offset, length);
      syncIfStepWritten();
    }

    @Override
    public void writeShort(short i) throws IOException {
      out.writeShort(i);
      syncIfStepWritten();
    }

    @Override
    public void writeInt(int i) throws IOException {
      out.writeInt(i);
      syncIfStepWritten();
    }

    @Override
    public void writeLong(long i) throws IOException {
      out.writeLong(i);
      syncIfStepWritten();
    }

    private void syncIfStepWritten() throws IOException {
      long written = out.getFilePointer();
      if (written < nextSync) {
        return;
      }
      nextSync = (written / step + 1) * step;
      if (channel == null) {
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
      }
      channel.force(false);
      stepsSynced.increment();
    }

    @Override
    public long getFilePointer() {
      return out.getFilePointer();
    }

    @Override
    public long getChecksum() throws IOException {
      return out.getChecksum();
    }

    @Override
    public void close() throws IOException {
      try (FileChannel syncing = channel) {
        out.close();
      }
    }
  }
}
