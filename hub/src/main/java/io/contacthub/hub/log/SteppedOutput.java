package io.contacthub.hub.log;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output that lets its subclass act once every so many bytes written through it: sync the file
 * ({@link DurableFiles}), wait for a pace (routing's snapshots).
 */
public abstract class SteppedOutput extends FilterOutputStream {

  private final long step;
  private long sinceStep;

  protected SteppedOutput(OutputStream out, long step) {
    super(out);
    this.step = step;
  }

  /** Called once at least {@code step} bytes have been written since the last call. */
  protected abstract void stepped(long bytes) throws IOException;

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    written(1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    written(len);
  }

  private void written(int n) throws IOException {
    sinceStep += n;
    if (sinceStep >= step) {
      long bytes = sinceStep;
      sinceStep = 0;
      stepped(bytes);
    }
  }
}
