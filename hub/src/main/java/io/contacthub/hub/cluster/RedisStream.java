package io.contacthub.hub.cluster;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the shared log and routing's journal do alike with their Redis Streams: entry ids are
 * numbers ({@code <n>-0}), each entry names where it came from and carries one record, and a
 * follower reads what arrives with a blocking {@code XREAD} on a thread of its own. The record
 * names the stream, its two fields, and how an entry becomes the caller's type.
 */
record RedisStream<E>(
    String key, String originField, String recordField, RedisStream.EntryFactory<E> factory) {

  static final int READ_BATCH = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(RedisStream.class);
  private static final Duration FOLLOW_BLOCK = Duration.ofSeconds(1);
  private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  /** Makes one entry of the caller's type. */
  interface EntryFactory<E> {
    E entry(long id, String origin, byte[] record);
  }

  /** Up to {@code max} entries with ids from {@code firstId} on. */
  List<E> readFrom(StatefulRedisConnection<String, String> connection, long firstId, int max) {
    return entries(
        connection
            .sync()
            .xrange(
                key,
                Range.from(Range.Boundary.including(firstId + "-0"), Range.Boundary.unbounded()),
                Limit.from(max)));
  }

  /**
   * Hands each batch of entries after {@code afterId} to {@code arrived}, on a daemon thread named
   * {@code thread}, until {@code closed}; an unreachable Redis is logged once and retried.
   */
  void follow(
      String thread,
      StatefulRedisConnection<String, String> connection,
      long afterId,
      BooleanSupplier closed,
      Consumer<List<E>> arrived) {
    Thread.ofPlatform()
        .daemon()
        .name(thread)
        .start(() -> followFrom(connection, afterId, closed, arrived));
  }

  private void followFrom(
      StatefulRedisConnection<String, String> connection,
      long afterId,
      BooleanSupplier closed,
      Consumer<List<E>> arrived) {
    long after = afterId;
    boolean failing = false;
    while (!closed.getAsBoolean()) {
      try {
        List<StreamMessage<String, String>> got =
            connection
                .sync()
                .xread(
                    XReadArgs.Builder.block(FOLLOW_BLOCK).count(READ_BATCH),
                    XReadArgs.StreamOffset.from(key, after + "-0"));
        if (failing) {
          LOG.info("Following Redis stream {} again after {}", key, after);
          failing = false;
        }
        if (!got.isEmpty()) {
          after = id(got.getLast());
          arrived.accept(entries(got));
        }
      } catch (RedisException e) {
        if (closed.getAsBoolean()) {
          return;
        }
        if (!failing) {
          LOG.warn("Cannot follow Redis stream {} ({}); retrying", key, e.getMessage());
          failing = true;
        }
        // A pause between attempts, so an absent Redis does not spin this thread.
        LockSupport.parkNanos(RETRY_NANOS);
      }
    }
  }

  private List<E> entries(List<StreamMessage<String, String>> messages) {
    List<E> out = new ArrayList<>(messages.size());
    for (StreamMessage<String, String> m : messages) {
      out.add(
          factory.entry(
              id(m),
              m.getBody().get(originField),
              m.getBody().get(recordField).getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static long id(StreamMessage<String, String> message) {
    String id = message.getId();
    return Long.parseLong(id.substring(0, id.indexOf('-')));
  }
}
