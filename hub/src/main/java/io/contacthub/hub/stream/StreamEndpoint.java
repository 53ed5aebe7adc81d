package io.contacthub.hub.stream;

import io.contacthub.hub.auth.AuthHandler;
import io.contacthub.hub.auth.Caller;
import io.contacthub.hub.auth.Tokens;
import io.contacthub.hub.events.ConversationRoster;
import io.contacthub.hub.model.HubException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
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
 * StreamFilter}); without one it gets every content event its role may see.
 */
public final class StreamEndpoint implements Handler<RoutingContext> {

  public static final String PATH = "/api/v1/stream";

  private static final Logger LOG = LoggerFactory.getLogger(StreamEndpoint.class);
  private static final String ACCESS_TOKEN = "access_token";

  private final Tokens tokens;
  private final Duration heartbeat;
  private final MeterRegistry metrics;
  private final Counter droppedEvents;
  private final ConversationRoster roster;
  private final Map<Context, ConnectionRegistry> registries = new ConcurrentHashMap<>();

  /**
   * @param roster who holds which conversation, for connections that filter their content events
   */
  public StreamEndpoint(
      Tokens tokens, Duration heartbeat, MeterRegistry metrics, ConversationRoster roster) {
    this.tokens = tokens;
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
    String token = AuthHandler.bearerToken(request);
    tokens
        .verify(token != null ? token : request.getParam(ACCESS_TOKEN))
        .onSuccess(caller -> upgrade(ctx, caller))
        .onFailure(ctx::fail);
  }

  /** The registry of the current event loop; it removes itself once it has no connection. */
  private ConnectionRegistry registry(Context context) {
    return registries.computeIfAbsent(
        context,
        c -> new ConnectionRegistry(c, heartbeat, metrics, roster, () -> registries.remove(c)));
  }

  private void upgrade(RoutingContext ctx, Caller caller) {
    HttpServerRequest request = ctx.request();
    if (!caller.role().isStaff()) {
      ctx.fail(new HubException(403, "Forbidden", "the live stream is for staff users"));
      return;
    }
    if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
      ctx.fail(HubException.badRequest("expected a WebSocket upgrade"));
      return;
    }
    Context context = ctx.vertx().getOrCreateContext();
    request
        .toWebSocket()
        .onSuccess(
            socket -> {
              socket.writeTextMessage(
                  new JsonObject()
                      .put("type", "hello")
                      .put("user", caller.toJson())
                      .put("heartbeatSeconds", Math.max(1, heartbeat.toSeconds()))
                      .encode());
              // Looked up only now: the registry may have closed while the upgrade was under way.
              registry(context).add(new Connection(socket, caller, droppedEvents));
            })
        .onFailure(
            e -> LOG.info("WebSocket upgrade of {} failed: {}", caller.login(), e.getMessage()));
  }
}
