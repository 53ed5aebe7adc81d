package io.contacthub.hub.cluster;

import io.lettuce.core.resource.ClientResources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes in one JVM over a real redis-server: their directory, Lettuce's shared resources, and what
 * each test opened, closed newest first after it.
 */
abstract class InProcessNodesTest {

  @TempDir Path dir;
  final ClientResources resources = RedisCluster.resources();
  final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
    resources.shutdown().get(10, TimeUnit.SECONDS);
  }

  RedisServer redis(boolean appendOnly) throws Exception {
    RedisServer redis = RedisServer.start(dir.resolve("redis"), appendOnly);
    closing.add(redis);
    return redis;
  }
}
