package io.contacthub.connector.phone.bench;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.LiveEvent;
import io.contacthub.connector.phone.PhoneConnector;
import io.contacthub.connector.testkit.FakeConnectorContext;
import io.contacthub.connector.testkit.FakeConnectorContext.Agent;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Until the benchmark runs against the real hub: the phone connector on the test kit, behind the
 * slice of the hub's API that {@link ScreenPopBench} uses (users, login, the live stream). The
 * token of an agent is their login; the stream is a plain fan-out. Figures taken with it measure
 * the connector and one WebSocket hop, not the hub's ingest or its stream.
 *
 * <p>Args: {@code --port 8099 --cti-token T --customers 1000}. Callers {@code 4930 1000 0000} and
 * up are known customers with three earlier interactions each, so pops carry history.
 */
public final class StandInHub {

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new java.util.HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    int port = Integer.parseInt(args.getOrDefault("port", "8099"));
    int customers = Integer.parseInt(args.getOrDefault("customers", "1000"));
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    JsonObject config =
        new JsonObject()
            .put("ctiToken", args.getOrDefault("cti-token", "bench"))
            .put("defaultRegion", "DE");
    FakeConnectorContext ctx =
        FakeConnectorContext.start(vertx, config, Files.createTempDirectory("standin"), port)
            .await(30, TimeUnit.SECONDS);
    Map<String, ServerWebSocket> streams = new ConcurrentHashMap<>();
    ctx.onPublish(e -> fanOut(e, streams));
    api(ctx.root(), ctx, streams);
    for (int i = 0; i < customers; i++) {
      String number = String.format("+4930%08d", 10_000_000 + i);
      for (int n = 0; n < 3; n++) {
        ctx.ingest(
                InboundInteraction.message(Channel.EMAIL, "seed-" + i + "-" + n)
                    .direction(Direction.INBOUND)
                    .occurredAt(Instant.now().minusSeconds(86_400L * (n + 1)))
                    .identities(
                        List.of(
                            Identity.of(IdentityType.EMAIL, "customer" + i + "@example.com", true),
                            Identity.of(IdentityType.PHONE, number, false)))
                    .text("Earlier message " + n + " of customer " + i)
                    .build())
            .await(10, TimeUnit.SECONDS);
      }
    }
    new PhoneConnector(Clock.systemUTC()).start(ctx).await(30, TimeUnit.SECONDS);
    System.out.printf("stand-in hub on http://127.0.0.1:%d%n", ctx.port());
  }

  private static void api(
      Router root, FakeConnectorContext ctx, Map<String, ServerWebSocket> streams) {
    root.post("/api/v1/*").handler(BodyHandler.create());
    root.post("/api/v1/auth/login")
        .handler(
            rc -> {
              String login = rc.body().asJsonObject().getString("login");
              rc.json(new JsonObject().put("accessToken", login).put("tokenType", "Bearer"));
            });
    root.post("/api/v1/users")
        .handler(
            rc -> {
              JsonObject u = rc.body().asJsonObject();
              ctx.withAgents(
                  new Agent(u.getString("login"), u.getString("displayName"), null, null));
              rc.response().setStatusCode(201).end();
            });
    root.get("/api/v1/stream")
        .handler(
            rc -> {
              String login = rc.queryParams().get("access_token");
              rc.request()
                  .toWebSocket()
                  .onSuccess(
                      ws -> {
                        streams.put(login, ws);
                        ws.closeHandler(v -> streams.remove(login, ws));
                        ws.writeTextMessage(
                            new JsonObject()
                                .put("type", "hello")
                                .put("user", new JsonObject().put("login", login))
                                .encode());
                      });
            });
  }

  private static void fanOut(LiveEvent e, Map<String, ServerWebSocket> streams) {
    String frame = new JsonObject().put("type", e.type()).put("payload", e.payload()).encode();
    if (e.agents().isEmpty()) {
      streams.values().forEach(ws -> ws.writeTextMessage(frame));
    } else {
      e.agents()
          .forEach(
              login -> {
                ServerWebSocket ws = streams.get(login);
                if (ws != null) {
                  ws.writeTextMessage(frame);
                }
              });
    }
  }
}
