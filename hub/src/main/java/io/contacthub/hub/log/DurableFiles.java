package io.contacthub.hub.log;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.EnumSet;

/** Whole files replaced so that a crash leaves either the old content or the new, never a mix. */
public final class DurableFiles {

  /** What writes a file's new content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** How much of a replaced file's old content is freed at a time. */
  private static final long RELEASE_STEP = 4L << 20;

  private DurableFiles() {}

  /**
   * Writes {@code content} to a temporary file next to {@code file} (created with {@code
   * attributes}), fsyncs it, renames it over {@code file} and fsyncs the directory; then frees a
   * large old content in steps. Blocking.
   */
  public static void replace(Path file, Content content, FileAttribute<?>... attributes)
      throws IOException {
    Path tmp = sibling(file, ".tmp");
    Path old = sibling(file, ".old");
    Files.deleteIfExists(tmp);
    // Only unlinked, never truncated: after a crash between the link and the rename below, this
    // is a second name of the current content.
    Files.deleteIfExists(old);
    try (FileChannel ch =
        FileChannel.open(
            tmp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
      OutputStream out = new BufferedOutputStream(new SyncingOutput(ch), 1 << 16);
      content.writeTo(out);
      out.flush();
      ch.force(true);
    }
    boolean keptOld = keepLargeOld(file, old);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(file.toAbsolutePath().getParent());
    if (keptOld) {
      release(old);
    }
  }

  private static Path sibling(Path file, String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  /**
   * Gives a large old content a second name, so that the rename does not free it. Freed at once, a
   * 115 MB snapshot held the log's syncs on the same disk for 70–110 ms (probably the file system
   * discarding the freed blocks in the journal commit those syncs wait for); freed in steps, the
   * whole replace held none over about 35 ms (bench {@code LargeFilesBesideLogSyncs}).
   */
  private static boolean keepLargeOld(Path file, Path old) {
    try {
      if (!Files.exists(file) || Files.size(file) <= RELEASE_STEP) {
        return false;
      }
      Files.createLink(old, file);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false; // no hard links here: the rename frees the old content at once
    }
  }

  private static void release(Path old) {
    try {
      freeInSteps(old);
    } catch (IOException e) {
      // The new content is in place and durable; the next replace unlinks what is left.
    }
  }

  /**
   * Frees a file's space {@link #RELEASE_STEP} at a time, each step synced, then unlinks it. For a
   * large file nothing reads any more, so that other files' syncs on the same disk never wait for
   * all of it to be freed. Blocking.
   */
  public static void freeInSteps(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (long size = ch.size(); size > 0; ) {
        size = Math.max(0, size - RELEASE_STEP);
        ch.truncate(size);
        ch.force(true);
      }
    }
    Files.delete(file);
  }

  /**
   * Syncs every {@link #SYNC_EVERY} bytes. A large file (a routing snapshot of 200,000 open
   * conversations is over 100 MB) otherwise sits in the page cache until the final sync writes it
   * all at once, and the log's syncs on the same disk wait behind that burst (up to 350 ms measured
   * here).
   */
  private static final class SyncingOutput extends SteppedOutput {
    private static final long SYNC_EVERY = 256 * 1024;

    private final FileChannel channel;

    SyncingOutput(FileChannel channel) {
      super(Channels.newOutputStream(channel), SYNC_EVERY);
      this.channel = channel;
    }

    @Override
    protected void stepped(long bytes) throws IOException {
      channel.force(false);
    }
  }

  /** Makes the rename durable; some platforms cannot open a directory, and lose nothing else. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Not supported here (e.g. Windows): the rename itself is still atomic.
    }
  }
}
