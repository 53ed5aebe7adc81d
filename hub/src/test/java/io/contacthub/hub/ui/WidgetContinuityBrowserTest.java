package io.contacthub.hub.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.contacthub.hub.e2e.HubFixture;
import io.contacthub.hub.webchat.ChatHub;
import io.contacthub.hub.webchat.ChatTokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * Continuity across channels with the widget in headless Chromium, a real SMTP server and the hub's
 * email inbound: (a) a logged-in customer who emailed yesterday chats into that conversation; (b)
 * the widget shows them only their own chat; (c) a visitor who confirmed their email and left gets
 * the answer by email and answers by email into the same conversation; (d) the email's "continue in
 * chat" link reopens it, and an expired or forged link opens nothing. Along the way: the agent's
 * typing and read signals show in the widget.
 */
@Timeout(240)
class WidgetContinuityBrowserTest {

  static final String HANNA = "hanna@customer.example";

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path data;
  private HubFixture hub;
  private WidgetPage page;
  private Browser browser;
  private String origin;
  private int hubPort;
  private String agent;

  /** Held while the test runs: Vert.x closes an unreachable client and its sockets. */
  private io.vertx.core.http.WebSocketClient agentStreamClient;

  private final List<JsonObject> agentEvents = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    hubPort = WidgetPage.freePort();
    int pagePort = WidgetPage.freePort();
    origin = "http://127.0.0.1:" + pagePort;
    JsonObject overlay =
        ChatHub.config(origin, origin + "/help", new JsonObject())
            .put(
                "email",
                new JsonObject()
                    .put(
                        "smtp",
                        new JsonObject()
                            .put("host", "127.0.0.1")
                            .put("port", smtp.getSmtp().getPort())
                            .put("tls", "none")
                            .put("from", "support@shop.example")));
    hub = ChatHub.start(data, Map.of("HUB_HTTP_PORT", String.valueOf(hubPort)), "unused", overlay);
    // "/account" is the page of a logged-in customer: the site vouches for Hanna there.
    String hanna =
        "data-identifier='"
            + HANNA
            + "' data-identifier-hash='"
            + ChatTokens.identifierHash(ChatHub.SITE_SECRET, HANNA)
            + "'";
    page =
        WidgetPage.serve(
            pagePort, hubPort, ChatHub.SITE, path -> path.startsWith("/account") ? hanna : "");
    browser = Browser.open(hubPort);
    agent = hub.userToken("maria", "agent");
    ChatHub.agentPresence(hub, "maria", agent, 3, "available");
    agentStreamClient = hub.clientVertx().createWebSocketClient();
    HubFixture.await(
        io.contacthub.hub.stream.WebSockets.connect(
            hub.clientVertx(),
            agentStreamClient,
            new io.vertx.core.http.WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(hubPort)
                .setURI("/api/v1/stream?access_token=" + agent),
            ws -> ws.textMessageHandler(t -> agentEvents.add(new JsonObject(t)))));
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (page != null) {
      page.close();
    }
    if (hub != null) {
      hub.close();
    }
  }

  private SearchContext widget() {
    return browser.waitFor(
        d -> {
          List<WebElement> host = d.findElements(By.id("contacthub-chat"));
          return host.isEmpty() ? null : host.get(0).getShadowRoot();
        });
  }

  private WebElement inWidget(String testId) {
    return browser.waitFor(
        Duration.ofSeconds(20),
        d ->
            widget().findElements(By.cssSelector("[data-testid=" + testId + "]")).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElse(null));
  }

  /** The transcript as the visitor sees it: "from: text [meta]" per message, in order. */
  @SuppressWarnings("unchecked")
  private List<String> transcript() {
    return (List<String>)
        browser.js(
            "return [...document.getElementById('contacthub-chat').shadowRoot"
                + ".querySelectorAll('[data-testid=msg]')].map(m => m.dataset.from + ': '"
                + " + m.querySelector('[data-testid=text]').textContent)");
  }

  private void waitForTranscript(String... expected) {
    browser.waitFor(
        Duration.ofSeconds(45), d -> transcript().equals(List.of(expected)) ? true : null);
  }

  private void say(String text) {
    WebElement input = inWidget("input");
    input.sendKeys(text);
    input.sendKeys(Keys.ENTER);
  }

  private void open(String path) {
    browser.driver.get(origin + path);
    inWidget("launcher").click();
    browser.waitFor(
        Duration.ofSeconds(20), d -> "Online".equals(inWidget("state").getText()) ? true : null);
  }

  private void forgetVisitor() {
    browser.js("localStorage.clear()");
    browser.driver.get("about:blank");
  }

  /** Another browser: nothing stored, nothing cached. */
  private void freshBrowser() {
    browser.close();
    browser = Browser.open(hubPort);
  }

  private String reply(String conversation, String text) {
    return hub.post(
            "/api/v1/conversations/" + conversation + "/replies",
            agent,
            new JsonObject().put("text", text))
        .expect(202)
        .json()
        .getString("interactionId");
  }

  private static Buffer mail(String messageId, String inReplyTo, ZonedDateTime date, String text) {
    return Buffer.buffer(
        "From: Hanna <"
            + HANNA
            + ">\r\nTo: support@shop.example\r\nSubject: Invoice copy\r\nMessage-ID: <"
            + messageId
            + ">\r\n"
            + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\r\n")
            + "Date: "
            + date.format(DateTimeFormatter.RFC_1123_DATE_TIME)
            + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            + text
            + "\r\n");
  }

  private String emailIn(Buffer raw) {
    return hub.postRaw("/channels/email/inbound", HubFixture.INGEST_TOKEN, "message/rfc822", raw)
        .expect(201)
        .json()
        .getString("conversationId");
  }

  private MimeMessage awaitMail(String subjectPart) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> GreenMailUtil.getHeaders(m).contains(subjectPart))
                    .findFirst()
                    .orElse(null),
            m -> m != null);
  }

  @Test
  void aLoggedInCustomerWhoEmailedYesterdayChatsIntoThatConversationAndSeesOnlyTheirChat() {
    // GIVEN Hanna's email of yesterday, and another visitor's chat
    String emailConversation =
        emailIn(
            mail(
                "yesterday-1@customer.example",
                null,
                ZonedDateTime.now().minusDays(1),
                "Could you send me a copy of invoice 2291?"));
    open("/help");
    say("My secret order number is 4711");
    waitForTranscript("visitor: My secret order number is 4711");
    forgetVisitor();

    // (a) WHEN Hanna, logged in on the site, opens the chat: none of that shows
    open("/account");
    assertThat(transcript()).isEmpty();
    say("Hi, about the invoice I emailed about yesterday");
    waitForTranscript("visitor: Hi, about the invoice I emailed about yesterday");

    // THEN the chat joined her email conversation; the agent sees both, in order
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(ChatHub.texts(hub, agent, emailConversation))
                    .containsExactly(
                        "Could you send me a copy of invoice 2291?",
                        "Hi, about the invoice I emailed about yesterday"));

    // ... the agent's typing and reading show in the widget, then the answer
    hub.call(
            io.vertx.core.http.HttpMethod.POST,
            "/api/v1/conversations/" + emailConversation + "/typing",
            agent,
            null)
        .expect(202);
    browser.waitFor(
        d -> inWidget("agent-typing").getText().equals("maria is typing…") ? true : null);
    hub.call(
            io.vertx.core.http.HttpMethod.POST,
            "/api/v1/conversations/" + emailConversation + "/read",
            agent,
            null)
        .expect(204);
    browser.waitFor(
        Duration.ofSeconds(20),
        d ->
            ((String)
                        browser.js(
                            "return document.getElementById('contacthub-chat').shadowRoot"
                                + ".querySelector('[data-from=visitor] .meta').textContent"))
                    .endsWith("Read")
                ? true
                : null);
    reply(emailConversation, "Here it is, attached to an email.");
    waitForTranscript(
        "visitor: Hi, about the invoice I emailed about yesterday",
        "agent: Here it is, attached to an email.");

    // (b) on another device (nothing stored), logged in: her chat, never the email or others'
    forgetVisitor();
    open("/account");
    waitForTranscript(
        "visitor: Hi, about the invoice I emailed about yesterday",
        "agent: Here it is, attached to an email.");
    browser.screenshot("webchat-identified-continuity.png");
  }

  @Test
  void aVisitorWhoLeftIsAnsweredByEmailAndTheLinkReopensTheChat() throws Exception {
    // GIVEN a visitor who gives and confirms an email address, asks, and leaves
    open("/help");
    inWidget("email").sendKeys("jo@visitor.example");
    inWidget("save-email").click();
    MimeMessage codeMail = awaitMail("Your code for the chat");
    Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(codeMail.getSubject());
    assertThat(code.find()).isTrue();
    inWidget("email-code").sendKeys("000000".equals(code.group(1)) ? "111111" : "000000");
    inWidget("confirm-email").click();
    browser.waitFor(d -> inWidget("note").getText().contains("tries left") ? true : null);
    WebElement codeField = inWidget("email-code");
    codeField.clear();
    codeField.sendKeys(code.group(1));
    inWidget("confirm-email").click();
    browser.waitFor(d -> inWidget("note").getText().contains("is confirmed") ? true : null);
    say("Can I get a refund for order 88?");
    waitForTranscript("visitor: Can I get a refund for order 88?");
    String conversation =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    hub.get("/api/v1/conversations", agent)
                        .expect(200)
                        .json()
                        .getJsonArray("items"),
                items -> items.size() == 1)
            .getJsonObject(0)
            .getString("conversationId");
    browser.driver.get("about:blank");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                agentEvents.stream()
                    .anyMatch(
                        e ->
                            "webchat.visitor".equals(e.getString("type"))
                                && conversation.equals(
                                    e.getJsonObject("payload", new JsonObject())
                                        .getString("conversationId"))));

    // (c) WHEN the agent answers, it goes by email with a link back into the chat
    String answer = reply(conversation, "Yes, the refund is on its way.");
    MimeMessage sent =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    Arrays.stream(smtp.getReceivedMessages())
                        .filter(m -> GreenMailUtil.getBody(m).contains("refund is on its way"))
                        .findFirst()
                        .orElse(null),
                m -> m != null);
    assertThat(sent.getAllRecipients()[0].toString()).isEqualTo("jo@visitor.example");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        hub.get("/api/v1/interactions/" + answer, agent)
                            .json()
                            .getJsonObject("extras")
                            .getJsonObject("delivery")
                            .getString("via"))
                    .isEqualTo("email"));
    String body = GreenMailUtil.getBody(sent).replace("=\r\n", "").replace("=3D", "=");
    Matcher link =
        Pattern.compile(Pattern.quote(origin + "/help") + "#contacthub-continue=([A-Za-z0-9_.-]+)")
            .matcher(body);
    assertThat(link.find()).as("a continue link in: %s", body).isTrue();

    // ... and the customer's answer by email joins the same conversation
    String theirAnswer =
        emailIn(
            mail(
                "answer-1@visitor.example",
                sent.getMessageID().replaceAll("[<>]", ""),
                ZonedDateTime.now(),
                "Thanks! When will it arrive?"));
    assertThat(theirAnswer).isEqualTo(conversation);

    // (d) the link opens the widget on that conversation in a browser that knows nothing
    freshBrowser();
    browser.driver.get(origin + "/help#contacthub-continue=" + link.group(1));
    waitForTranscript(
        "visitor: Can I get a refund for order 88?", "agent: Yes, the refund is on its way.");
    assertThat(browser.driver.getCurrentUrl()).isEqualTo(origin + "/help");

    // ... an expired or forged link opens nothing, and says so
    String visitorId = visitorIdOf(link.group(1));
    String expired =
        ChatTokens.continueLink(
            ChatHub.SITE, visitorId, conversation, Instant.now().minusSeconds(5));
    String forged = link.group(1).substring(0, link.group(1).length() - 2) + "xx";
    for (String bad : List.of(expired, forged)) {
      freshBrowser();
      browser.driver.get(origin + "/help#contacthub-continue=" + bad);
      browser.waitFor(
          Duration.ofSeconds(20),
          d -> inWidget("note").getText().contains("invalid or expired") ? true : null);
      browser.waitFor(
          Duration.ofSeconds(20), d -> "Online".equals(inWidget("state").getText()) ? true : null);
      assertThat(transcript()).isEmpty();
    }
  }

  private static String visitorIdOf(String token) {
    return new JsonObject(
            new String(
                java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')))))
        .getString("sub");
  }
}
