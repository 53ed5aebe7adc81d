package io.contacthub.hub.stream;

import io.contacthub.hub.auth.AuthHandler;
import io.contacthub.hub.auth.Caller;
import io.contacthub.hub.events.ConversationRoster;
import io.contacthub.hub.events.LiveBus;
import io.contacthub.hub.log.InteractionLog;
import io.contacthub.hub.model.HubException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/stream}: upgrades an authenticated staff member to a WebSocket of live events.
 * The token comes as {@code Authorization: Bearer} or, for browsers, which cannot set headers on a
 * WebSocket, as {@code ?access_token=}. Without a valid token the upgrade is refused with 401.
 *
 * <p>Connections are kept per event loop ({@link ConnectionRegistry}), so one endpoint can serve
 * any number of server instances. Metrics: {@code hub.stream.connections.opened}, {@code
 * hub.stream.connections.closed} and {@code hub.stream.events.dropped} (events not sent to a client
 * that read too slowly).
 *
 * <p>A client narrows the content events it gets with a {@code stream.filter} frame ({@link
 * StreamFilter}), or from the start with {@code ?conversations=&watch=a,b}; without one it gets
 * every content event its role may see.
 *
 * <p>Content events carry their log record's {@code seq}, and the hello the seq the connection
 * starts at. A client that reconnects with {@code ?after=<seq>} first gets the content events of
 * the records after it from the log ({@link StreamResume}), then live events, none twice.
 */
public final class StreamEndpoint implements Handler<RoutingContext> {

  public static final String PATH = "/api/v1/stream";

  private static final Logger LOG = LoggerFactory.getLogger(StreamEndpoint.class);
  private static final String ACCESS_TOKEN = "access_token";
  private static final String AFTER = "after";
  private static final String CONVERSATIONS = "conversations";
  private static final String WATCH = "watch";
  private static final int REPLAY_THREADS = 2;

  private final AuthHandler auth;
  private final Duration heartbeat;
  private final MeterRegistry metrics;
  private final Counter droppedEvents;
  private final ConversationRoster roster;
  private final StreamResume resume;
  private final Map<Context, ConnectionRegistry> registries = new ConcurrentHashMap<>();

  /**
   * @param roster who holds which conversation, for connections that filter their content events
   * @param log the hub's log, which reconnecting clients are caught up from; null: they get {@code
   *     stream.reset}
   */
  public StreamEndpoint(
      Vertx vertx,
      AuthHandler auth,
      Duration heartbeat,
      MeterRegistry metrics,
      ConversationRoster roster,
      InteractionLog log) {
    this.auth = auth;
    // Few threads: many clients reconnecting at once (a node went away) queue for the disk.
    this.resume =
        new StreamResume(
            log, vertx.createSharedWorkerExecutor("hub-stream-replay", REPLAY_THREADS), roster);
    this.roster = roster;
    this.heartbeat = heartbeat;
    this.metrics = metrics;
    this.droppedEvents =
        Counter.builder("hub.stream.events.dropped")
            .description("Live events not sent to a client that read too slowly")
            .register(metrics);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String header = AuthHandler.bearerToken(request);
    String token = header != null ? header : request.getParam(ACCESS_TOKEN);
    auth.authenticate(token).onSuccess(caller -> upgrade(ctx, caller, token)).onFailure(ctx::fail);
  }

  /**
   * Closes the connections of a user whose tokens were revoked (disabled, new password or role),
   * each on its own event loop; the client must log in again. Callable from any thread.
   */
  public void closeSessionsOf(String login) {
    registries.forEach(
        (context, registry) -> context.runOnContext(v -> registry.closeSessionsOf(login)));
  }

  /** The registry of the current event loop; it removes itself once it has no connection. */
  private ConnectionRegistry registry(Context context) {
    return registries.computeIfAbsent(
        context,
        c -> new ConnectionRegistry(c, heartbeat, metrics, roster, () -> registries.remove(c)));
  }

  private void upgrade(RoutingContext ctx, Caller caller, String token) {
    HttpServerRequest request = ctx.request();
    if (!caller.role().isStaff()) {
      ctx.fail(new HubException(403, "Forbidden", "the live stream is for staff users"));
      return;
    }
    if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
      ctx.fail(HubException.badRequest("expected a WebSocket upgrade"));
      return;
    }
    Long after;
    StreamFilter filter;
    try {
      after = after(request.getParam(AFTER));
      filter = initialFilter(request);
    } catch (IllegalArgumentException e) {
      ctx.fail(HubException.badRequest(e.getMessage()));
      return;
    }
    Context context = ctx.vertx().getOrCreateContext();
    request
        .toWebSocket()
        .onSuccess(
            socket -> {
              Connection c = new Connection(socket, caller, droppedEvents, filter);
              if (after != null) {
                c.holdLive();
              }
              // Looked up only now: the registry may have closed while the upgrade was under way.
              registry(context).add(c);
              // Checked again now that closeSessionsOf can find the connection: the user may have
              // been disabled while the upgrade was under way.
              auth.authenticate(token).onFailure(e -> context.runOnContext(v -> c.revoked()));
              // Read once subscribed: every event of a later record reaches the connection.
              long start = resume.startSeq(LiveBus.of(context.owner()).lastSeq());
              socket.writeTextMessage(
                  new JsonObject()
                      .put("type", "hello")
                      .put("user", caller.toJson())
                      .put("heartbeatSeconds", Math.max(1, heartbeat.toSeconds()))
                      .put("seq", start)
                      .encode());
              if (after != null) {
                resume.catchUp(c, after);
              }
            })
        .onFailure(
            e -> LOG.info("WebSocket upgrade of {} failed: {}", caller.login(), e.getMessage()));
  }

  /** The {@code after} parameter: null when absent, else a seq (-1: before the first record). */
  private static Long after(String value) {
    if (value == null) {
      return null;
    }
    try {
      long after = Long.parseLong(value);
      if (after >= -1) {
        return after;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IllegalArgumentException(
        "\"after\" must be the seq of the last event received (an integer >= -1), not \""
            + value
            + "\"");
  }

  /** The filter from {@code ?conversations=&watch=}, as a stream.filter frame would set it. */
  private static StreamFilter initialFilter(HttpServerRequest request) {
    String conversations = request.getParam(CONVERSATIONS);
    String watch = request.getParam(WATCH);
    if (conversations == null && watch == null) {
      return StreamFilter.ALL;
    }
    JsonObject frame = new JsonObject().put("type", StreamFilter.TYPE);
    frame.put(CONVERSATIONS, conversations);
    if (watch != null && !watch.isEmpty()) {
      frame.put(WATCH, new JsonArray(List.of((Object[]) watch.split(",", -1))));
    }
    return StreamFilter.parse(frame);
  }
}
