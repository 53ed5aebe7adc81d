package io.contacthub.hub.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Damaged data where the log cannot have left a torn write: a record is missing or unreadable. The
 * log refuses to skip it, since every record is the only copy of an accepted interaction.
 */
public final class CorruptLogException extends IOException {

  private final Path file;
  private final long offset;

  CorruptLogException(Path file, long offset, String problem) {
    super("corrupt interaction log: " + file + " at offset " + offset + ": " + problem);
    this.file = file;
    this.offset = offset;
  }

  /** The damaged segment file. */
  public Path file() {
    return file;
  }

  /** The byte offset in {@link #file()} where the damage starts. */
  public long offset() {
    return offset;
  }
}
