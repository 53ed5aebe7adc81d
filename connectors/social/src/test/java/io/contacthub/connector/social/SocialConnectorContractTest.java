package io.contacthub.connector.social;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.ChannelConnectorFactory;
import io.contacthub.connector.DeliveryException;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.OutboundMessage;
import io.contacthub.connector.social.meta.MetaSignature;
import io.contacthub.connector.testkit.Connectors;
import io.contacthub.connector.testkit.FakeConnectorContext;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the hub relies on from the social connector's lifecycle, configuration and webhooks. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class SocialConnectorContractTest {

  @TempDir Path dataDir;

  @Test
  void factoryIsFoundThroughServiceLoaderAsSocial() {
    assertThat(ServiceLoader.load(ChannelConnectorFactory.class).stream())
        .extracting(p -> p.get().type())
        .contains("social");
  }

  @Test
  void startsWithAnEmptySectionServesFourChannelsAndStopsTwiceHarmlessly(Vertx vertx)
      throws Exception {
    // GIVEN the section the hub passes when hub.yaml has no social keys
    ChannelConnector connector = create();
    FakeConnectorContext ctx = context(vertx, new JsonObject());

    // WHEN
    connector.start(ctx).await(10, TimeUnit.SECONDS);
    connector.stop().await(10, TimeUnit.SECONDS);
    connector.stop().await(10, TimeUnit.SECONDS);

    // THEN
    assertThat(connector.channels())
        .containsExactlyInAnyOrder(
            Channel.WHATSAPP, Channel.MESSENGER, Channel.INSTAGRAM, Channel.TELEGRAM);
    ctx.close().await(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"maxBodyBytes\": \"huge\"}",
        "{\"meta\": {\"graphUrl\": \"ftp://graph.example\"}}",
        "{\"telegram\": {\"apiUrl\": \"not a url\"}}",
        "{\"retry\": {\"attempts\": 0}}",
        "{\"retry\": {\"initialDelayMs\": 1000, \"maxDelayMs\": 10}}"
      })
  void refusesInvalidConfigAtStartNamingTheKey(String config, Vertx vertx) throws Exception {
    Connectors.assertRefusedAtStart(create(), context(vertx, new JsonObject(config)), "social.");
  }

  @Test
  void withoutTokensEveryReplyFailsFinallyWithTheReason(Vertx vertx) throws Exception {
    ChannelConnector connector = create();
    FakeConnectorContext ctx = context(vertx, new JsonObject());
    connector.start(ctx).await(10, TimeUnit.SECONDS);

    for (Channel c : connector.channels()) {
      var sent = connector.send(message(c));
      assertThat(sent.toCompletionStage().toCompletableFuture())
          .failsWithin(10, TimeUnit.SECONDS)
          .withThrowableThat()
          .havingCause()
          .isInstanceOfSatisfying(
              DeliveryException.class,
              e -> {
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).contains("replies are off");
              });
    }
    connector.stop().await(10, TimeUnit.SECONDS);
    ctx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aSignedWebhookIsIngestedOnceAndAStatusForAStrangersMessageIsAcknowledged(Vertx vertx)
      throws Exception {
    ChannelConnector connector = create();
    FakeConnectorContext ctx =
        context(vertx, new JsonObject().put("meta", new JsonObject().put("appSecret", "s3cret")));
    connector.start(ctx).await(10, TimeUnit.SECONDS);
    WebClient client = WebClient.create(vertx);
    MetaSignature signature = new MetaSignature("s3cret");

    for (String file :
        new String[] {"whatsapp-text.json", "whatsapp-text.json", "whatsapp-statuses.json"}) {
      Buffer body = Buffer.buffer(Payloads.raw(file));
      int status =
          client
              .post(ctx.port(), "127.0.0.1", "/channels/whatsapp/webhook")
              .putHeader("Content-Type", "application/json")
              .putHeader(MetaSignature.HEADER, signature.header(body.getBytes()))
              .sendBuffer(body)
              .await(20, TimeUnit.SECONDS)
              .statusCode();
      assertThat(status).as(file).isEqualTo(200);
    }

    assertThat(ctx.callsFor("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA="))
        .isEqualTo(2);
    assertThat(ctx.calls().stream().filter(c -> c.accepted().duplicate()).count())
        .as("the retry is recognized as a duplicate")
        .isEqualTo(1);
    client.close();
    connector.stop().await(10, TimeUnit.SECONDS);
    ctx.close().await(10, TimeUnit.SECONDS);
  }

  private static OutboundMessage message(Channel c) {
    IdentityType type =
        switch (c) {
          case WHATSAPP -> IdentityType.PHONE;
          case MESSENGER -> IdentityType.MESSENGER;
          case INSTAGRAM -> IdentityType.INSTAGRAM;
          default -> IdentityType.TELEGRAM;
        };
    return new OutboundMessage(
        "i-1",
        "c-1",
        c,
        Identity.of(type, "+16505551234", true),
        null,
        "hi",
        null,
        null,
        "Ann",
        null);
  }

  private static ChannelConnector create() {
    return Connectors.create("social");
  }

  private FakeConnectorContext context(Vertx vertx, JsonObject config) throws Exception {
    return FakeConnectorContext.builder(vertx)
        .config(config)
        .dataDir(dataDir)
        .start()
        .await(10, TimeUnit.SECONDS);
  }
}
