package io.contacthub.hub.stream;

import io.contacthub.hub.auth.AuthHandler;
import io.contacthub.hub.auth.Caller;
import io.contacthub.hub.auth.Tokens;
import io.contacthub.hub.model.HubException;
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
 * any number of server instances.
 */
public final class StreamEndpoint implements Handler<RoutingContext> {

  public static final String PATH = "/api/v1/stream";

  private static final Logger LOG = LoggerFactory.getLogger(StreamEndpoint.class);
  private static final String ACCESS_TOKEN = "access_token";

  private final Tokens tokens;
  private final Duration heartbeat;
  private final Map<Context, ConnectionRegistry> registries = new ConcurrentHashMap<>();

  public StreamEndpoint(Tokens tokens, Duration heartbeat) {
    this.tokens = tokens;
    this.heartbeat = heartbeat;
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
    ConnectionRegistry registry =
        registries.computeIfAbsent(
            ctx.vertx().getOrCreateContext(), c -> new ConnectionRegistry(ctx.vertx(), heartbeat));
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
              registry.add(new Connection(socket, caller));
            })
        .onFailure(
            e -> LOG.info("WebSocket upgrade of {} failed: {}", caller.login(), e.getMessage()));
  }
}
