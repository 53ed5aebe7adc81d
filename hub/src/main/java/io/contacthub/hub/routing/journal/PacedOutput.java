package io.contacthub.hub.routing.journal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.lucene.store.RateLimiter;

/**
 * An output that waits as a {@link RateLimiter} says, so that a large write takes a share of a core
 * over seconds instead of all of it at once (Lucene paces its merges the same way).
 */
final class PacedOutput extends FilterOutputStream {

  private final RateLimiter pace;
  private long unpaced;

  PacedOutput(OutputStream out, RateLimiter pace) {
    super(out);
    this.pace = pace;
  }

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
    unpaced += n;
    if (unpaced >= pace.getMinPauseCheckBytes()) {
      pace.pause(unpaced);
      unpaced = 0;
    }
  }
}
