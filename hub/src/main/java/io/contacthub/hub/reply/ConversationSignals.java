package io.contacthub.hub.reply;

import io.contacthub.connector.Channel;
import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.Direction;
import io.contacthub.connector.InteractionKind;
import io.contacthub.connector.InteractionUpdate;
import io.contacthub.hub.ingest.IngestService;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.SearchRequest;
import io.contacthub.hub.query.QueryService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What an agent's desktop tells the customer's side while the agent works on a conversation: that
 * the agent is typing, and which of the customer's messages the agent has read. Every channel of
 * the conversation hears about it; the ones that can show it (the web chat) do.
 */
public final class ConversationSignals {

  /** A typing signal repeated within this interval by the same agent is dropped. */
  public static final Duration TYPING_INTERVAL = Duration.ofSeconds(2);

  private static final int TYPING_ENTRIES_BEFORE_SWEEP = 10_000;

  private final IngestService ingest;
  private final QueryService query;
  private final Function<Channel, Optional<ChannelConnector>> connectors;
  private final Clock clock;
  private final LongSupplier nanos;
  private final Map<String, Long> lastTyping = new ConcurrentHashMap<>();

  public ConversationSignals(
      IngestService ingest,
      QueryService query,
      Function<Channel, Optional<ChannelConnector>> connectors,
      Clock clock,
      LongSupplier nanos) {
    this.ingest = ingest;
    this.query = query;
    this.connectors = connectors;
    this.clock = clock;
    this.nanos = nanos;
  }

  /**
   * The agent is typing in the conversation: passed on to its channels, at most once per {@link
   * #TYPING_INTERVAL} per agent and conversation. Fails only for an unknown conversation.
   */
  public Future<Void> typing(String conversationId, String login, String agentName) {
    return query
        .conversation(conversationId)
        .map(
            conversation -> {
              if (firstTypingInInterval(login + "\n" + conversationId)) {
                connectorsOf(conversation).forEach(c -> c.agentTyping(conversationId, agentName));
              }
              return null;
            });
  }

  private boolean firstTypingInInterval(String key) {
    long now = nanos.getAsLong();
    long interval = TYPING_INTERVAL.toNanos();
    if (lastTyping.size() > TYPING_ENTRIES_BEFORE_SWEEP) {
      lastTyping.values().removeIf(t -> now - t >= interval);
    }
    boolean[] first = {false};
    lastTyping.compute(
        key,
        (k, last) -> {
          if (last == null || now - last >= interval) {
            first[0] = true;
            return now;
          }
          return last;
        });
    return first[0];
  }

  /**
   * Records that the agent has read the customer's messages of the conversation up to and including
   * {@code upTo} (all of them when null): each gets {@code extras.agentRead} = {@code {at, by}};
   * then the channels hear which ones. Messages already read keep their first mark.
   */
  public Future<Void> read(String conversationId, String upTo, String login) {
    return query
        .conversation(conversationId)
        .compose(conversation -> until(conversationId, upTo).map(t -> Map.entry(conversation, t)))
        .compose(
            found ->
                query
                    .search(
                        new SearchRequest(
                            null,
                            null,
                            null,
                            Direction.INBOUND,
                            conversationId,
                            null,
                            found.getValue().orElse(null),
                            SearchRequest.Sort.TIME,
                            null,
                            SearchRequest.MAX_LIMIT))
                    .compose(result -> mark(found.getKey(), result.hits(), login)));
  }

  /** The exclusive time bound for "up to this interaction", or empty for all. */
  private Future<Optional<Instant>> until(String conversationId, String upTo) {
    if (upTo == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return query
        .interaction(upTo)
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof HubException h && h.status() == 404
                        ? HubException.badRequest("upTo: no interaction " + upTo)
                        : e))
        .map(
            i -> {
              if (!conversationId.equals(i.conversationId())) {
                throw HubException.badRequest(
                    "upTo: interaction " + upTo + " is not in conversation " + conversationId);
              }
              // The time filter's upper bound is exclusive, and times are kept to the millisecond.
              return Optional.of(i.occurredAt().plusMillis(1));
            });
  }

  private Future<Void> mark(
      Conversation conversation,
      List<io.contacthub.hub.model.SearchResult.Hit> hits,
      String login) {
    JsonObject read =
        new JsonObject()
            .put(
                "agentRead",
                new JsonObject().put("at", clock.instant().toString()).put("by", login));
    Map<Channel, List<String>> byChannel = new LinkedHashMap<>();
    List<Future<?>> writes = new ArrayList<>();
    for (var hit : hits) {
      Interaction i = hit.interaction();
      if (i.kind() != InteractionKind.MESSAGE
          || i.externalId() == null
          || i.extras().containsKey("agentRead")) {
        continue;
      }
      writes.add(
          ingest.update(
              new InteractionUpdate(i.channel(), i.externalId(), clock.instant(), null, read)));
      byChannel.computeIfAbsent(i.channel(), c -> new ArrayList<>()).add(i.id());
    }
    return Future.all(writes)
        .map(
            v -> {
              byChannel.forEach(
                  (channel, ids) ->
                      connectors
                          .apply(channel)
                          .ifPresent(c -> c.agentRead(conversation.id(), List.copyOf(ids))));
              return null;
            });
  }

  /** The connectors serving the conversation's channels, each once. */
  private List<ChannelConnector> connectorsOf(Conversation conversation) {
    Map<ChannelConnector, Boolean> seen = new IdentityHashMap<>();
    for (Channel channel : conversation.channels()) {
      connectors.apply(channel).ifPresent(c -> seen.put(c, true));
    }
    return List.copyOf(seen.keySet());
  }
}
