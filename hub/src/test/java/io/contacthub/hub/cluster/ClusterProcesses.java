package io.contacthub.hub.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the two-node tests share: a temporary dir for Redis' and the nodes' files, and the processes
 * a test started, stopped in reverse order after it (hubs before the Redis they use).
 */
abstract class ClusterProcesses {

  @TempDir Path dir;
  private final List<AutoCloseable> running = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (AutoCloseable c : running.reversed()) {
      c.close();
    }
  }

  /** Stops {@code c} after the test. */
  <T extends AutoCloseable> T track(T c) {
    running.add(c);
    return c;
  }
}
