package io.contacthub.connector.phone;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.LiveEvent;
import io.contacthub.connector.testkit.FakeConnectorContext;
import io.contacthub.connector.testkit.FakeConnectorContext.Agent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** A started phone connector on the test kit, a real HTTP client, and the staff it knows. */
final class PhoneHarness {

  static final String CTI_TOKEN = "cti-token-0123456789";
  static final Agent CHRIS =
      new Agent("chris", "Christopher Miller", "201", "chris@chrispresso.com");
  static final Agent EMMA = new Agent("emma", "Emma Taylor", "202", "emma@chrispresso.com");
  static final Agent ALICE = new Agent("alice", "Alice", "203", "alice@example.com");
  static final Agent BOB = new Agent("bob", "Bob", "204", "bob@example.com");
  static final Agent CAROL = new Agent("carol", "Carol Jones", "205", "carol@example.com");

  final FakeConnectorContext ctx;
  final PhoneConnector connector;
  final WebClient web;

  private PhoneHarness(FakeConnectorContext ctx, PhoneConnector connector, WebClient web) {
    this.ctx = ctx;
    this.connector = connector;
    this.web = web;
  }

  /** The usual config: CTI token, German numbers, queue "support" of carol and extension 204. */
  static JsonObject config() {
    return new JsonObject()
        .put("ctiToken", CTI_TOKEN)
        .put("defaultRegion", "DE")
        .put("queues", new JsonObject().put("support", new JsonArray().add("carol").add("204")));
  }

  static PhoneHarness start(Vertx vertx, JsonObject config, Path dataDir) throws Exception {
    return start(vertx, config, dataDir, b -> {});
  }

  /** With the hub side changed: agents away, the hub's routing queues. */
  static PhoneHarness start(
      Vertx vertx,
      JsonObject config,
      Path dataDir,
      java.util.function.Consumer<FakeConnectorContext.Builder> hub)
      throws Exception {
    FakeConnectorContext.Builder builder =
        FakeConnectorContext.builder(vertx)
            .config(config)
            .dataDir(dataDir)
            .agents(CHRIS, EMMA, ALICE, BOB, CAROL);
    hub.accept(builder);
    FakeConnectorContext ctx = builder.start().await(10, TimeUnit.SECONDS);
    PhoneConnector connector = new PhoneConnector(Clock.systemUTC());
    connector.start(ctx).await(10, TimeUnit.SECONDS);
    WebClient web =
        WebClient.create(
            vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(ctx.port()));
    return new PhoneHarness(ctx, connector, web);
  }

  void close() throws Exception {
    web.close();
    connector.stop().await(10, TimeUnit.SECONDS);
    ctx.close().await(10, TimeUnit.SECONDS);
  }

  String ctiPath() {
    return "/channels/phone/cti/" + CTI_TOKEN;
  }

  HttpResponse<Buffer> postJson(String json) throws Exception {
    return web.post(ctiPath())
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(json))
        .await(10, TimeUnit.SECONDS);
  }

  HttpResponse<Buffer> postForm(String urlEncoded) throws Exception {
    return web.post(ctiPath())
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer(urlEncoded))
        .await(10, TimeUnit.SECONDS);
  }

  /** A known customer: an earlier email from someone whose phone number is on file. */
  String seedCustomer(String email, String phoneE164, String text) throws Exception {
    return ctx.ingest(
            InboundInteraction.message(Channel.EMAIL, "<" + email + "-1@example.com>")
                .direction(Direction.INBOUND)
                .occurredAt(Instant.now().minus(Duration.ofDays(2)))
                .identities(
                    List.of(
                        new Identity(IdentityType.EMAIL, email, true, "Sebastian Weber"),
                        Identity.of(IdentityType.PHONE, phoneE164, false)))
                .text(text)
                .build())
        .await(10, TimeUnit.SECONDS)
        .customerId();
  }

  /** Waits for the n-th event of a type and returns it. */
  LiveEvent awaitEvent(String type, int n) {
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events(type).size() >= n);
    return ctx.events(type).get(n - 1);
  }

  JsonObject storedCall(String callId) {
    JsonObject i = ctx.interaction(Channel.PHONE, callId);
    return i == null ? null : i.getJsonObject("extras").getJsonObject("call");
  }
}
