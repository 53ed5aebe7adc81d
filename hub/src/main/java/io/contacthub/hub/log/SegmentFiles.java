package io.contacthub.hub.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The files of a log directory: segment names, creation, the directory's fsync and lock. */
final class SegmentFiles {

  private static final Pattern SEGMENT_NAME = Pattern.compile("(\\d{20})\\.log");
  private static final String LOCK_FILE = "log.lock";
  private static final String RECLAIMED = ".reclaimed";

  private SegmentFiles() {}

  /** A segment is named by its first sequence number, zero-padded so names sort like numbers. */
  static Path path(Path dir, long firstSeq) {
    return dir.resolve(String.format("%020d.log", firstSeq));
  }

  /**
   * What a reclaimed segment is renamed to: out of the log at once, its space freed in steps
   * afterwards (freed at once, hundreds of megabytes held the next log sync on a disk that discards
   * freed blocks).
   */
  static Path reclaimed(Path segment) {
    return segment.resolveSibling(segment.getFileName() + RECLAIMED);
  }

  /** Unlinks what a crash left of reclaimed segments. */
  static void deleteReclaimed(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (file.getFileName().toString().endsWith(RECLAIMED)) {
          Files.delete(file);
        }
      }
    }
  }

  /** The first sequence numbers of the segments in {@code dir}, ascending. */
  static NavigableSet<Long> list(Path dir) throws IOException {
    NavigableSet<Long> firstSeqs = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Matcher name = SEGMENT_NAME.matcher(file.getFileName().toString());
        if (name.matches()) {
          firstSeqs.add(Long.parseLong(name.group(1)));
        }
      }
    }
    return firstSeqs;
  }

  /**
   * Creates a segment holding only its header, durable with its directory entry when {@code fsync},
   * and returns it open for writing.
   */
  static FileChannel create(Path dir, long firstSeq, boolean fsync) throws IOException {
    FileChannel channel =
        FileChannel.open(
            path(dir, firstSeq), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      writeHeader(channel, firstSeq, fsync);
      if (fsync) {
        syncDirectory(dir);
      }
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Writes a segment's header at offset 0 of an empty file. */
  static void writeHeader(FileChannel channel, long firstSeq, boolean fsync) throws IOException {
    ByteBuffer header = SegmentFormat.header(firstSeq);
    while (header.hasRemaining()) {
      channel.write(header, header.position());
    }
    if (fsync) {
      channel.force(true);
    }
  }

  /** Makes the creation or deletion of files in {@code dir} durable. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Locks {@code dir} for one open log: two writers on the same files would interleave records.
   * Closing the lock's channel releases it.
   */
  static FileLock lock(Path dir) throws IOException {
    FileChannel channel =
        FileChannel.open(
            dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("log directory " + dir + " is already open in another log instance");
    }
    return lock;
  }
}
