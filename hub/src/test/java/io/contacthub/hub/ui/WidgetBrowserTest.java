package io.contacthub.hub.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.hub.e2e.HubFixture;
import io.contacthub.hub.webchat.ChatHub;
import io.contacthub.hub.webchat.ChatTokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * The chat widget in headless Chromium on a customer's page of another origin: a visitor chats with
 * an agent who answers through the API, the hub restarts mid-conversation (the visitor writes
 * meanwhile), and the conversation continues with nothing lost and nothing twice.
 */
@Timeout(180)
class WidgetBrowserTest {

  @TempDir Path data;
  private HubFixture hub;
  private WidgetPage page;
  private Browser browser;
  private int hubPort;
  private String pageUrl;
  private JsonObject overlay;

  @BeforeEach
  void start() {
    hubPort = WidgetPage.freePort();
    int pagePort = WidgetPage.freePort();
    String origin = "http://127.0.0.1:" + pagePort;
    pageUrl = origin + "/help";
    overlay = ChatHub.config(origin, pageUrl, new JsonObject());
    hub = startHub();
    page = WidgetPage.serve(pagePort, hubPort, ChatHub.SITE, "");
    browser = Browser.open(hubPort);
  }

  private HubFixture startHub() {
    return ChatHub.start(data, Map.of("HUB_HTTP_PORT", String.valueOf(hubPort)), "unused", overlay);
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

  /** An agent routing can offer chats to, so the widget offers the live chat. */
  private void agentOnline(String login, String token) {
    ChatHub.agentPresence(hub, login, token, 3, "available");
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
        d ->
            widget().findElements(By.cssSelector("[data-testid=" + testId + "]")).stream()
                .findFirst()
                .orElse(null));
  }

  /** The transcript as the visitor sees it: "from: text" per message, in order. */
  @SuppressWarnings("unchecked")
  private List<String> transcript() {
    return (List<String>)
        browser.js(
            "return [...document.getElementById('contacthub-chat').shadowRoot"
                + ".querySelectorAll('[data-testid=msg]')].map(m => m.dataset.from + ': '"
                + " + m.querySelector('[data-testid=text]').textContent"
                + " + (m.classList.contains('pending') ? ' (pending)' : ''))");
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

  private String onlyConversation(String agent) {
    JsonArray items =
        hub.get("/api/v1/conversations", agent).expect(200).json().getJsonArray("items");
    assertThat(items).hasSize(1);
    return items.getJsonObject(0).getString("conversationId");
  }

  private void reply(String agent, String conversation, String text) {
    hub.post(
            "/api/v1/conversations/" + conversation + "/replies",
            agent,
            new JsonObject().put("text", text))
        .expect(202);
  }

  @Test
  void chatWithAnAgentAcrossAHubRestartWithoutLossOrDuplicates() {
    String agent = hub.userToken("maria", "agent");
    agentOnline("maria", agent);
    browser.driver.get(pageUrl);

    // The launcher is keyboard-operable and the host page's CSS does not reach it.
    WebElement launcher = inWidget("launcher");
    assertThat(launcher.isDisplayed()).isTrue();
    assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("false");
    launcher.sendKeys(Keys.ENTER);
    browser.waitFor(d -> "true".equals(inWidget("launcher").getAttribute("aria-expanded")));
    browser.waitFor(d -> "Online".equals(inWidget("state").getText()) ? true : null);

    say("Hello, where is order 5512?");
    waitForTranscript("visitor: Hello, where is order 5512?");
    String conversation = onlyConversation(agent);
    reply(agent, conversation, "It ships <b>today</b> <img src=x onerror=\"window.__pwned=1\">");
    waitForTranscript(
        "visitor: Hello, where is order 5512?",
        "agent: It ships <b>today</b> <img src=x onerror=\"window.__pwned=1\">");
    // Read again only if the widget re-rendered the element between finding and reading it.
    String agentName = browser.waitFor(d -> inWidget("agent-name").getText());
    assertThat(agentName).isEqualTo("maria");
    assertThat(browser.js("return window.__pwned === undefined")).isEqualTo(true);
    browser.screenshot("webchat-widget.png");

    // The hub goes away mid-conversation; the visitor keeps writing.
    hub.close();
    hub = null;
    browser.waitFor(d -> "Reconnecting…".equals(inWidget("state").getText()) ? true : null);
    say("Are you still there?");
    waitForTranscript(
        "visitor: Hello, where is order 5512?",
        "agent: It ships <b>today</b> <img src=x onerror=\"window.__pwned=1\">",
        "visitor: Are you still there? (pending)");

    // It comes back; an agent answers at once, maybe before the widget is back.
    hub = startHub();
    String agentAgain = hub.login("maria", "maria-password-123");
    browser.waitFor(
        Duration.ofSeconds(45),
        d -> transcript().contains("visitor: Are you still there?") ? true : null);
    reply(agentAgain, conversation, "Yes! Sorry for the wait.");

    waitForTranscript(
        "visitor: Hello, where is order 5512?",
        "agent: It ships <b>today</b> <img src=x onerror=\"window.__pwned=1\">",
        "visitor: Are you still there?",
        "agent: Yes! Sorry for the wait.");
    assertThat(ChatHub.texts(hub, agentAgain, conversation))
        .containsExactly(
            "Hello, where is order 5512?",
            "It ships <b>today</b> <img src=x onerror=\"window.__pwned=1\">",
            "Are you still there?",
            "Yes! Sorry for the wait.");

    // A reload shows the same conversation once, from the hub's timeline.
    browser.driver.navigate().refresh();
    inWidget("launcher").click();
    waitForTranscript(
        "visitor: Hello, where is order 5512?",
        "agent: It ships <b>today</b> <img src=x onerror=\"window.__pwned=1\">",
        "visitor: Are you still there?",
        "agent: Yes! Sorry for the wait.");

    // Escape closes the panel and gives the focus back to the launcher.
    inWidget("input").sendKeys(Keys.ESCAPE);
    browser.waitFor(d -> "false".equals(inWidget("launcher").getAttribute("aria-expanded")));
    assertThat(
            browser.js(
                "return document.getElementById('contacthub-chat').shadowRoot.activeElement"
                    + ".dataset.testid"))
        .isEqualTo("launcher");
  }

  @Test
  void onAPhoneTheOpenChatFillsTheScreenAndNobodyOnlineMeansTheOfflineForm() {
    browser.viewport(375, 700);
    browser.driver.get(pageUrl);
    inWidget("launcher").click();
    inWidget("off-email");
    Number width =
        (Number)
            browser.js(
                "return document.getElementById('contacthub-chat').shadowRoot"
                    + ".querySelector('[data-testid=panel]').getBoundingClientRect().width");
    assertThat(width.intValue()).isLessThanOrEqualTo(375).isGreaterThan(300);
    inWidget("off-name").sendKeys("Jo Visitor");
    inWidget("off-email").sendKeys("jo@visitor.example");
    inWidget("off-text").sendKeys("Please call me back about my refund.");
    inWidget("off-send").click();
    browser.waitFor(d -> inWidget("note").getText().contains("answer by email") ? true : null);
    browser.screenshot("webchat-offline-form-phone.png");

    String agent = hub.userToken("maria", "agent");
    String conversation = onlyConversation(agent);
    JsonObject c = hub.get("/api/v1/conversations/" + conversation, agent).expect(200).json();
    assertThat(c.getJsonArray("channels")).containsExactly("email");
    assertThat(ChatHub.texts(hub, agent, conversation))
        .containsExactly("Please call me back about my refund.");
  }

  @Test
  void aContinueLinkOpensTheWidgetOnTheConversationInAnotherBrowser() {
    String agent = hub.userToken("maria", "agent");
    agentOnline("maria", agent);
    browser.driver.get(pageUrl);
    inWidget("launcher").click();
    say("I need to change my delivery address");
    waitForTranscript("visitor: I need to change my delivery address");
    String conversation = onlyConversation(agent);
    reply(agent, conversation, "Sure, what is the new address?");
    waitForTranscript(
        "visitor: I need to change my delivery address", "agent: Sure, what is the new address?");
    String visitorToken =
        (String) browser.js("return localStorage.getItem('contacthub.shop.visitorToken')");
    String visitorId =
        new JsonObject(
                new String(
                    java.util.Base64.getUrlDecoder()
                        .decode(visitorToken.substring(0, visitorToken.indexOf('.')))))
            .getString("sub");

    // Another browser: nothing stored; the link from the reply email opens the conversation.
    browser.js("localStorage.clear()");
    browser.driver.get("about:blank");
    String link =
        ChatTokens.continueLink(
            ChatHub.SITE, visitorId, conversation, java.time.Instant.now().plusSeconds(600));
    browser.driver.get(pageUrl + "#contacthub-continue=" + link);
    waitForTranscript(
        "visitor: I need to change my delivery address", "agent: Sure, what is the new address?");
    assertThat(browser.driver.getCurrentUrl()).isEqualTo(pageUrl);
    say("Baker Street 221b");
    waitForTranscript(
        "visitor: I need to change my delivery address",
        "agent: Sure, what is the new address?",
        "visitor: Baker Street 221b");
    assertThat(ChatHub.texts(hub, agent, conversation))
        .containsExactly(
            "I need to change my delivery address",
            "Sure, what is the new address?",
            "Baker Street 221b");
  }
}
