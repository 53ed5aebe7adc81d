package io.contacthub.hub.bench;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The corpus on disk: one interaction per line, {@code <corpus customer index> TAB <JSON body of
 * POST /api/v1/interactions>}. Generated once, then read by every phase, so the hub and bare Lucene
 * get the very same bytes and neither pays for generating them.
 */
final class CorpusFile {

  /** One interaction: whose it is (the corpus customer index) and its JSON. */
  record Line(int customer, byte[] json) {}

  private CorpusFile() {}

  static final class Writer implements Closeable {
    private final OutputStream out;

    Writer(Path file) throws IOException {
      out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
    }

    void write(int customer, String json) throws IOException {
      out.write(Integer.toString(customer).getBytes(StandardCharsets.US_ASCII));
      out.write('\t');
      out.write(json.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Reads lines in order; safe to share between threads (each call takes whole lines). */
  static final class Reader implements Closeable {
    private final InputStream in;
    private byte[] chunk = new byte[1 << 20];
    private int position;
    private int limit;

    Reader(Path file) throws IOException {
      in = Files.newInputStream(file);
    }

    /** The next line, or null at the end. */
    synchronized Line next() throws IOException {
      int newline;
      while ((newline = indexOfNewline()) < 0) {
        if (!fill()) {
          return null; // the file ends with a newline, so nothing is left over
        }
      }
      int customer = 0;
      int i = position;
      while (chunk[i] != '\t') {
        customer = customer * 10 + (chunk[i++] - '0');
      }
      Line line = new Line(customer, Arrays.copyOfRange(chunk, i + 1, newline));
      position = newline + 1;
      return line;
    }

    private int indexOfNewline() {
      for (int i = position; i < limit; i++) {
        if (chunk[i] == '\n') {
          return i;
        }
      }
      return -1;
    }

    /** Moves the unread rest to the front and reads more; false at the end of the file. */
    private boolean fill() throws IOException {
      int rest = limit - position;
      if (rest == chunk.length) {
        chunk = Arrays.copyOf(chunk, chunk.length * 2);
      }
      System.arraycopy(chunk, position, chunk, 0, rest);
      position = 0;
      limit = rest;
      int read = in.read(chunk, limit, chunk.length - limit);
      if (read <= 0) {
        return false;
      }
      limit += read;
      return true;
    }

    /** Up to {@code max} lines; fewer (or none) at the end. */
    synchronized List<Line> next(int max) throws IOException {
      List<Line> lines = new ArrayList<>(max);
      Line line;
      while (lines.size() < max && (line = next()) != null) {
        lines.add(line);
      }
      return lines;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
