package io.contacthub.hub.ui;

import static io.contacthub.hub.ui.Seed.call;
import static io.contacthub.hub.ui.Seed.email;
import static io.contacthub.hub.ui.Seed.identity;
import static io.contacthub.hub.ui.Seed.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.hub.e2e.HubFixture;
import io.contacthub.hub.events.Audience;
import io.contacthub.hub.events.LiveEvents;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Customer text is hostile. Script-bearing text and HTML arrive through every channel the hub takes
 * in (the API for each channel, the raw-mail route of the email connector, a screen-pop) as text,
 * subject, display name, call notes and email HTML; the desktop shows all of it, and none of it
 * runs: {@code window.__pwned} stays undefined and the markup shows as text.
 */
@Timeout(120)
class HostileContentBrowserTest extends HubAndBrowserPerClassTest {

  static final String IMG = "<img src=x onerror=\"window.__pwned=1;alert(1)\">";
  static final String SCRIPT = "<script>window.__pwned=1</script>";
  static final String LINK = "<a href=\"javascript:window.__pwned=1\">click me</a>";
  static final String SVG = "<svg onload=\"window.__pwned=1\"></svg>";
  static final String FRAME = "<iframe srcdoc=\"<script>parent.__pwned=1</script>\"></iframe>";
  static final String ALL = IMG + " " + SCRIPT + " " + LINK + " " + SVG + " " + FRAME;

  static final String CTI_TOKEN = "cti-token-for-hostile-tests";
  static final String CHAT_ORIGIN = "https://shop.example";

  static final List<JsonObject> accepted = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    hub =
        HubFixture.start(
            data,
            java.util.Map.of("HUB_PHONE_CTI_TOKEN", CTI_TOKEN),
            new JsonObject()
                .put(
                    "webchat",
                    new JsonObject()
                        .put(
                            "sites",
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("id", "shop")
                                        .put("origins", new JsonArray().add(CHAT_ORIGIN))))));
    browser = Browser.open(hub.port());
    hub.userToken("eve.agent", "agent");
    for (String channel : List.of("webchat", "whatsapp", "messenger", "instagram", "telegram")) {
      String type =
          switch (channel) {
            case "webchat" -> "visitor";
            case "whatsapp" -> "phone";
            default -> channel;
          };
      String value = type.equals("phone") ? "+14155550199" : channel + "-" + UUID.randomUUID();
      accepted.add(
          hub.ingest(message(channel, "hostile " + ALL, identity(type, value, SCRIPT + IMG))));
    }
    accepted.add(
        hub.ingest(
            email(
                "mallory@example.com",
                IMG,
                "hostile subject " + IMG + SCRIPT,
                "hostile " + ALL,
                "<p>hostile html</p>"
                    + ALL
                    + "<form action=\"javascript:window.__pwned=1\"><button>go</button></form>"
                    + "<img src=\"https://tracker.example.com/p.gif\" onerror=\"window.__pwned=1\">"
                    + "<a href=\" JaVaScRiPt:window.__pwned=1\">second link</a>")));
    accepted.add(
        hub.ingest(
            call("+14155550198", 30, "<b onmouseover=window.__pwned=1>x</b>", "hostile " + ALL)));
    accepted.add(rawMail());
    accepted.add(chatVisitor());
  }

  /** A visitor on the web chat socket, as the widget talks to it, with a hostile name and text. */
  static JsonObject chatVisitor() {
    var frames = new java.util.concurrent.LinkedBlockingQueue<JsonObject>();
    io.vertx.core.http.WebSocketClient client = hub.clientVertx().createWebSocketClient();
    io.vertx.core.http.WebSocket ws =
        HubFixture.await(
            client.connect(
                new io.vertx.core.http.WebSocketConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(hub.port())
                    .setURI("/channels/webchat/socket?site=shop")
                    .addHeader("Origin", CHAT_ORIGIN)));
    ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
    try {
      HubFixture.await(
          ws.writeTextMessage(
              new JsonObject()
                  .put("type", "hello")
                  .put("name", SCRIPT + IMG)
                  .put("lastSeq", 0)
                  .encode()));
      next(frames, "welcome");
      HubFixture.await(
          ws.writeTextMessage(
              new JsonObject()
                  .put("type", "message")
                  .put("clientId", "hostile-1")
                  .put("text", "hostile chat " + ALL)
                  .encode()));
      JsonObject ack = next(frames, "ack");
      JsonObject own = next(frames, "message");
      return new JsonObject()
          .put("conversationId", ack.getString("conversationId"))
          .put("interactionId", own.getString("id"));
    } finally {
      ws.close();
      client.close();
    }
  }

  static JsonObject next(java.util.concurrent.BlockingQueue<JsonObject> frames, String type) {
    try {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        JsonObject f =
            frames.poll(deadline - System.nanoTime(), java.util.concurrent.TimeUnit.NANOSECONDS);
        if (f != null && type.equals(f.getString("type"))) {
          return f;
        }
        assertThat(f == null ? null : f.getString("type"))
            .as(String.valueOf(f))
            .isNotEqualTo("error");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError("no " + type + " frame from the web chat socket");
  }

  /** Through the email connector's raw-mail route, which parses and sanitizes like IMAP does. */
  static JsonObject rawMail() throws Exception {
    String boundary = "b-" + UUID.randomUUID();
    String mime =
        String.join(
            "\r\n",
            "From: \"" + SCRIPT + "\" <oscar@example.com>",
            "To: support@example.com",
            "Subject: hostile raw " + IMG,
            "Message-ID: <" + UUID.randomUUID() + "@example.com>",
            "Date: Mon, 23 Nov 2026 09:30:00 +0000",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"",
            "",
            "--" + boundary,
            "Content-Type: text/plain; charset=utf-8",
            "",
            "hostile raw " + ALL,
            "--" + boundary,
            "Content-Type: text/html; charset=utf-8",
            "",
            "<html><body><p>hostile raw html</p>" + ALL + "</body></html>",
            "--" + boundary + "--",
            "");
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + hub.port() + "/channels/email/inbound"))
                    .header("Authorization", "Bearer " + HubFixture.INGEST_TOKEN)
                    .header("Content-Type", "message/rfc822")
                    .POST(HttpRequest.BodyPublishers.ofString(mime))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
    return new JsonObject(r.body());
  }

  @Test
  void nothingCustomersSendRunsAndItShowsAsText() {
    browser.login("eve.agent", "eve.agent-password-123");
    browser.waitFor(d -> browser.all("li[role=option]").size() == accepted.size() ? true : null);
    assertThat(browser.find("[role=listbox]").getText()).contains("<script>window.__pwned=1");

    for (JsonObject a : accepted) {
      browser
          .find("li[role=option][data-conversation-id='" + a.getString("conversationId") + "']")
          .click();
      WebElement item =
          browser.find("article[data-interaction-id='" + a.getString("interactionId") + "']");
      clickEverythingIn(item);
      assertNotPwned();
    }
    assertThat(browser.find(".customer").getText()).contains("<script>");

    // Email HTML: the markup that survives is inert, the rest is gone.
    JsonObject mail = accepted.get(5);
    browser
        .find("li[role=option][data-conversation-id='" + mail.getString("conversationId") + "']")
        .click();
    WebElement frame =
        browser
            .find("article[data-interaction-id='" + mail.getString("interactionId") + "']")
            .findElement(By.tagName("iframe"));
    browser.driver.switchTo().frame(frame);
    assertThat(browser.all("script, iframe, form, svg")).isEmpty();
    assertThat(browser.all("a[href^='javascript'], a[href*='script:']")).isEmpty();
    assertThat(browser.all("[onerror], [onload]")).isEmpty();
    browser.all("a").forEach(WebElement::click);
    browser.driver.switchTo().defaultContent();
    assertNotPwned();
    // Remote images only after a click, and even then without their handlers.
    browser
        .find("article[data-interaction-id='" + mail.getString("interactionId") + "'] .link")
        .click();
    assertNotPwned();

    // Search snippets go through the allow-list: only <mark> is markup.
    browser.find("body").sendKeys("/");
    browser.driver.switchTo().activeElement().sendKeys("hostile", Keys.ENTER);
    browser.find(".results mark");
    browser.waitFor(d -> browser.find(".results").getText().contains("<script>") ? true : null);
    assertThat(
            browser.all(".snippet img, .snippet script, .snippet svg, .snippet a, .snippet iframe"))
        .isEmpty();
    assertNotPwned();

    // A screen-pop with a hostile caller name.
    new LiveEvents(hub.app().vertx())
        .publish(
            "screen_pop",
            new JsonObject()
                .put("callId", "hostile-call")
                .put("state", "ringing")
                .put("from", IMG)
                .put("number", SCRIPT)
                .put("withheld", false)
                .put("unknownCaller", false)
                .put(
                    "customer",
                    new JsonObject()
                        .put("customerId", "c-x")
                        .put("displayName", IMG + SCRIPT)
                        .put(
                            "identities",
                            new JsonArray()
                                .add(new JsonObject().put("type", "phone").put("value", SVG))))
                .put("conversations", new JsonArray())
                .put("history", new JsonArray()),
            Audience.STAFF);
    assertThat(browser.find("section.pop[data-call-id='hostile-call']").getText())
        .contains("<img src=x onerror=");
    assertNotPwned();

    // The phone system's own CTI webhook, with markup as the caller and the queue.
    HubFixture.Response ring =
        hub.post(
            "/channels/phone/cti/" + CTI_TOKEN,
            null,
            new JsonObject()
                .put("event", "newCall")
                .put("callId", "hostile-cti")
                .put("direction", "in")
                .put("from", IMG)
                .put("to", "100")
                .put("queue", SCRIPT)
                .put("user", new JsonArray().add("eve.agent")));
    assertThat(ring.status()).as(ring.body().toString()).isBetween(200, 204);
    WebElement pop = browser.find("section.pop[data-call-id='hostile-cti']");
    assertThat(pop.getText()).containsAnyOf("<script>", "<img");
    pop.findElements(By.cssSelector("button")).stream()
        .filter(b -> b.getText().contains("Dismiss"))
        .forEach(WebElement::click);
    assertNotPwned();
  }

  /** Clicks every link and button a customer's content could have become. */
  static void clickEverythingIn(WebElement item) {
    for (WebElement a : item.findElements(By.cssSelector("a"))) {
      a.click();
    }
  }

  static void assertNotPwned() {
    assertThatThrownBy(() -> browser.driver.switchTo().alert())
        .as("no alert dialog")
        .isInstanceOf(org.openqa.selenium.NoAlertPresentException.class);
    assertThat(browser.js("return typeof window.__pwned")).isEqualTo("undefined");
    assertThat(browser.driver.getWindowHandles()).hasSize(1);
  }
}
