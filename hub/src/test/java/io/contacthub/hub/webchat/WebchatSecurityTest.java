package io.contacthub.hub.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.contacthub.hub.e2e.HubFixture;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the chat endpoint through a started hub: pages of other origins, forged, expired and
 * swapped tokens, links to other people's conversations, a forged identifier, oversized and too
 * many messages, and script in messages. Every one is refused or stays inert text.
 */
@Timeout(120)
class WebchatSecurityTest {

  static final String ORIGIN = "https://shop.example";

  @TempDir static Path data;
  static HubFixture hub;
  static String agent;

  @BeforeAll
  static void start() {
    hub =
        ChatHub.start(
            data,
            ORIGIN,
            ChatHub.config(
                ORIGIN,
                "",
                new JsonObject()
                    .put("maxMessageChars", 100)
                    .put("rateLimit", new JsonObject().put("visitorPerMinute", 5))));
    agent = hub.userToken("maria", "agent");
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static ChatClient client() {
    return ChatClient.connect(hub.clientVertx(), hub.port(), ChatHub.SITE, ORIGIN);
  }

  /** A visitor with one stored message; returns {visitorToken, visitorId, conversationId}. */
  private static String[] visitorWithMessage(String text) {
    ChatClient c = client();
    JsonObject welcome = c.hello(new JsonObject());
    c.message("m-1", text);
    String conversation =
        c.waitFor(f -> "ack".equals(f.getString("type"))).getString("conversationId");
    c.close();
    return new String[] {
      welcome.getString("visitorToken"), welcome.getString("visitorId"), conversation
    };
  }

  private static void assertRefused(JsonObject hello, String code) {
    ChatClient c = client();
    JsonObject answer = c.hello(hello);
    assertThat(answer.getString("type")).isEqualTo("error");
    assertThat(answer.getString("code")).isEqualTo(code);
    await().atMost(Duration.ofSeconds(10)).until(c::closed);
    assertThat(c.closeCode).isEqualTo((short) 4401);
    assertThat(c.messages()).isEmpty();
  }

  @Test
  void aPageOfAnotherOriginCannotOpenTheChat() {
    assertThatThrownBy(
            () ->
                ChatClient.connect(
                    hub.clientVertx(), hub.port(), ChatHub.SITE, "https://evil.example"))
        .rootCause()
        .isInstanceOfSatisfying(
            UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(403));
    // A site's origin is not another site's origin either.
    assertThatThrownBy(
            () -> ChatClient.connect(hub.clientVertx(), hub.port(), ChatHub.OTHER_SITE, ORIGIN))
        .rootCause()
        .isInstanceOfSatisfying(
            UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(403));
    assertThatThrownBy(
            () -> ChatClient.connect(hub.clientVertx(), hub.port(), "nosuchsite", ORIGIN))
        .rootCause()
        .isInstanceOfSatisfying(
            UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(404));
  }

  @Test
  void forgedExpiredAndSwappedTokensReadNothing() {
    String[] victim = visitorWithMessage("my secret order 4711");
    String token = victim[0];
    String forged =
        token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertRefused(new JsonObject().put("visitorToken", forged).put("lastSeq", 0), "token_invalid");

    String expired = ChatTokens.visitor(ChatHub.SITE, victim[1], Instant.now().minusSeconds(60));
    assertRefused(new JsonObject().put("visitorToken", expired), "token_invalid");

    // The same visitor's token, but signed for the other site.
    String otherSite =
        ChatTokens.visitor(ChatHub.OTHER_SITE, victim[1], Instant.now().plusSeconds(600));
    assertRefused(new JsonObject().put("visitorToken", otherSite), "token_invalid");

    // A continue-link token is not a visitor token, and the other way round.
    String link =
        ChatTokens.continueLink(ChatHub.SITE, victim[1], victim[2], Instant.now().plusSeconds(600));
    assertRefused(new JsonObject().put("visitorToken", link), "token_invalid");
    assertRefused(new JsonObject().put("continueToken", token), "link_invalid");
    String expiredLink =
        ChatTokens.continueLink(ChatHub.SITE, victim[1], victim[2], Instant.now().minusSeconds(1));
    assertRefused(new JsonObject().put("continueToken", expiredLink), "link_invalid");
  }

  @Test
  void aValidTokenNeverOpensAnotherCustomersConversation() {
    String[] victim = visitorWithMessage("victim's private message");
    String[] attacker = visitorWithMessage("hello");
    // Correctly signed, but the conversation is not the attacker's.
    String link =
        ChatTokens.continueLink(
            ChatHub.SITE, attacker[1], victim[2], Instant.now().plusSeconds(600));
    assertRefused(new JsonObject().put("continueToken", link), "link_invalid");

    // The attacker's own session, asking for everything from the start, sees only its own.
    ChatClient c = client();
    JsonObject welcome = c.hello(new JsonObject().put("visitorToken", attacker[0]));
    assertThat(welcome.getString("conversationId")).isEqualTo(attacker[2]);
    c.waitFor(f -> "hello".equals(f.getString("text")));
    assertThat(c.messages())
        .allSatisfy(m -> assertThat(m.getString("conversationId")).isEqualTo(attacker[2]));
    assertThat(c.count("victim's private message")).isZero();
    c.close();
  }

  @Test
  void aForgedIdentifierIsRefused() {
    assertRefused(
        new JsonObject()
            .put("identifier", "ceo@shop.example")
            .put("identifierHash", ChatTokens.identifierHash("wrong-secret", "ceo@shop.example")),
        "identifier_invalid");
  }

  @Test
  void oversizedAndTooManyMessagesAreRefused() {
    ChatClient c = client();
    c.hello(new JsonObject());
    c.message("big", "x".repeat(101));
    assertThat(c.waitFor(f -> "big".equals(f.getString("clientId"))).getString("code"))
        .isEqualTo("too_long");
    for (int i = 0; i < 6; i++) {
      c.message("n-" + i, "message " + i);
    }
    JsonObject limited = c.waitFor(f -> "rate_limited".equals(f.getString("code")));
    assertThat(limited.getString("clientId")).isEqualTo("n-5");
    c.waitFor(f -> "message 4".equals(f.getString("text")));
    assertThat(c.count("message 5")).isZero();
    c.close();
  }

  @Test
  void scriptInAMessageIsStoredAndServedAsText() {
    String attack = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    String[] visitor = visitorWithMessage(attack);
    JsonObject stored = hub.timeline(customerOf(visitor[2]), agent).getFirst();
    assertThat(stored.getString("text")).isEqualTo(attack);
    assertThat(stored.getString("html")).isNull();

    ChatClient c = client();
    c.hello(new JsonObject().put("visitorToken", visitor[0]));
    assertThat(c.waitFor(f -> f.containsKey("seq")).getString("text")).isEqualTo(attack);
    c.close();
  }

  private static String customerOf(String conversation) {
    return hub.get("/api/v1/conversations/" + conversation, agent)
        .expect(200)
        .json()
        .getString("customerId");
  }
}
