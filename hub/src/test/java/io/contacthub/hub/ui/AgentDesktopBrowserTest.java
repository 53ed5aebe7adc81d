package io.contacthub.hub.ui;

import static io.contacthub.hub.ui.Seed.call;
import static io.contacthub.hub.ui.Seed.email;
import static io.contacthub.hub.ui.Seed.identity;
import static io.contacthub.hub.ui.Seed.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.hub.e2e.HubFixture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The agent desktop in a real browser against a started hub, as an agent uses it during a shift:
 * log in, see an email arrive live, read the customer's timeline, search, reply, get a screen-pop,
 * and keep up after the network drops. The steps share one hub and one browser, in order.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentDesktopBrowserTest extends HubAndBrowserPerClassTest {

  static final String PHONE = "+14155550100";
  static final String CTI_TOKEN = "cti-token-for-browser-tests";

  static String agentPassword;
  static JsonObject anaEmail;
  static JsonObject anaCall;

  @BeforeAll
  static void start() {
    hub =
        HubFixture.start(
            data,
            Map.of("HUB_PHONE_CTI_TOKEN", CTI_TOKEN),
            new JsonObject()
                .put(
                    "ui",
                    new JsonObject().put("cannedResponsesFile", "../config/canned-responses.yaml"))
                .put("offers", new JsonObject().put("rulesFile", "../config/offers.yaml")));
    browser = Browser.open(hub.port());
    hub.userToken("ana.agent", "agent");
    agentPassword = "ana.agent-password-123";
    // Other customers' conversations, so the inbox looks like a working day.
    hub.ingest(
        message(
            "whatsapp",
            "Hi! My parcel says delivered but nothing arrived.",
            identity("phone", "+14155550177", "Bruno Costa").put("verified", true)));
    hub.ingest(
        message(
            "webchat",
            "Can I change the delivery address of order 7731?",
            identity("visitor", "v-31", "Chloé Martin")));
    hub.ingest(
        email(
            "dmitri@example.org",
            "Dmitri Ivanov",
            "Invoice 2291 charged twice",
            "Hello, I was charged twice for invoice 2291. Please refund one.",
            null));
    hub.ingest(
        message(
            "telegram",
            "Is the store open on Sunday?",
            identity("telegram", "5512", "Eva Nowak").put("verified", true)));
  }

  @Test
  @Order(1)
  void logsIn() {
    browser.login("ana.agent", agentPassword);

    browser.waitFor(d -> browser.all("li[role=option]").size() == 4 ? true : null);
    assertThat(browser.find(".topbar .user").getText()).contains("ana.agent");

    // An agent at work: a conversation open when the next email comes in.
    browser.all("li[role=option]").stream()
        .filter(r -> r.getText().contains("Dmitri Ivanov"))
        .findFirst()
        .orElseThrow()
        .click();
    browser.find(".conversation article");
  }

  @Test
  @Order(2)
  void anEmailIngestedThroughTheApiAppearsInTheInboxLive() {
    anaEmail =
        hub.ingest(
            email(
                    "ana.silva@example.com",
                    "Ana Silva",
                    "Card interest rate",
                    "Hello, what is the current interest rate on my card? Thanks, Ana",
                    "<p>Hello,</p><p>What is the <b>current interest rate</b> on my card?</p>"
                        + "<img data-blocked-src=\"https://tracker.example.com/p.gif\" alt=\"\">"
                        + "<p>Thanks,<br>Ana</p>")
                .put(
                    "identities",
                    new JsonArray()
                        .add(identity("email", "ana.silva@example.com", "Ana Silva"))
                        .add(identity("phone", PHONE, null))));

    String rowCss = row(anaEmail.getString("conversationId"));
    // The row comes with the event; the customer's name is looked up right after it.
    WebElement row =
        browser.waitFor(
            d -> {
              WebElement r = browser.find(rowCss);
              return r.getText().contains("Ana Silva") ? r : null;
            });
    assertThat(row.getText()).contains("Ana Silva", "Card interest rate");
    assertThat(row.findElement(org.openqa.selenium.By.cssSelector(".badge")).getText())
        .isEqualTo("1");
    // Newest activity first.
    assertThat(browser.all("li[role=option]").get(0).getAttribute("data-conversation-id"))
        .isEqualTo(anaEmail.getString("conversationId"));
    browser.screenshot("desktop.png");
  }

  @Test
  @Order(3)
  void opensTheUnifiedTimelineWithEmailChatAndCall() {
    hub.ingest(
        message(
            "whatsapp",
            "Also, can I raise my card limit?",
            identity("phone", PHONE, "Ana Silva").put("verified", true)));
    anaCall = hub.ingest(call(PHONE, 95, "ana.agent", "Explained the rate; sends the form."));

    // Keyboard only: k moves up the inbox to the newest conversation, Enter opens it.
    browser.find("body").sendKeys("kkkkk");
    WebElement list = browser.driver.switchTo().activeElement();
    assertThat(list.getAttribute("role")).isEqualTo("listbox");
    browser.waitFor(
        d ->
            browser
                    .find(row(anaEmail.getString("conversationId")))
                    .getAttribute("aria-selected")
                    .equals("true")
                ? true
                : null);
    list.sendKeys(Keys.ENTER);

    WebElement mail = browser.find(item(anaEmail.getString("interactionId")));
    browser.find(item(anaCall.getString("interactionId")));
    assertThat(browser.find(".conversation h2").getText()).isEqualTo("Ana Silva");
    WebElement callItem = browser.find(item(anaCall.getString("interactionId")));
    assertThat(callItem.getText()).contains("1:35", "ana.agent", "Explained the rate");
    assertThat(browser.find(".timeline").getText()).contains("Also, can I raise my card limit?");

    // The email is shown from its HTML, in a frame that runs no script.
    WebElement frame = mail.findElement(org.openqa.selenium.By.tagName("iframe"));
    assertThat(frame.getAttribute("sandbox")).doesNotContain("allow-scripts");
    browser.driver.switchTo().frame(frame);
    String body = browser.find("body").getText();
    boolean remoteImageLoaded = browser.present("img[src^='https:']");
    browser.driver.switchTo().defaultContent();
    assertThat(body).contains("What is the current interest rate on my card?");
    assertThat(remoteImageLoaded).as("remote images wait for a click").isFalse();
    assertThat(mail.getText()).contains("Remote images are blocked");

    // The customer panel shows every identity of the one customer.
    assertThat(browser.find(".customer").getText())
        .contains("Ana Silva", "ana.silva@example.com", PHONE);
    assertThat(
            browser
                .find(row(anaEmail.getString("conversationId")))
                .findElements(org.openqa.selenium.By.cssSelector(".badge")))
        .as("opening marks it read")
        .isEmpty();
    browser.screenshot("timeline.png");
  }

  @Test
  @Order(4)
  void searchesWithHighlightedHitsAndOpensOne() {
    browser.find("body").sendKeys("/");
    WebElement input = browser.driver.switchTo().activeElement();
    assertThat(input.getAttribute("id")).isEqualTo("search-input");
    input.sendKeys("interest rate", Keys.ENTER);

    WebElement mark = browser.find(".results mark");
    assertThat(mark.getText().toLowerCase()).isIn("interest", "rate");
    WebElement hit =
        browser.find(
            ".results [data-interaction-id='" + anaEmail.getString("interactionId") + "']");
    hit.click();
    browser.find(item(anaEmail.getString("interactionId")) + ".focused");
    assertThat(browser.present(".results")).isFalse();
  }

  @Test
  @Order(5)
  void repliesOnTheConversationsChannelOrAnotherAndAddsANote() {
    Assumptions.assumeTrue(
        contractHas("/api/v1/conversations/{id}/replies"), "the replies API is not in this build");
    // The customer last wrote on WhatsApp: that is where the answer goes by default.
    assertThat(browser.find("select[name=channel]").getAttribute("value")).isEqualTo("whatsapp");
    new org.openqa.selenium.support.ui.Select(browser.find("select[name=channel]"))
        .selectByValue("email");
    assertThat(browser.find("input[name=subject]").getAttribute("value"))
        .isEqualTo("Re: Card interest rate");
    browser.find("#reply-text").sendKeys("The rate is 14.9% APR; I have sent you the form.");
    browser.find(".composer button[type=submit]").click();
    browser.waitFor(
        d ->
            browser.all(".timeline article.outbound").stream()
                    .anyMatch(a -> a.getText().contains("14.9% APR"))
                ? true
                : null);
    // The live event may show the reply before the API answers and the composer clears.
    browser.waitFor(d -> browser.find("#reply-text").getAttribute("value").isEmpty() ? true : null);

    browser.find("input[name=note]").click();
    browser
        .find("#reply-text")
        .sendKeys("Customer asked about a higher limit too.", Keys.CONTROL, Keys.ENTER);
    browser.waitFor(
        d ->
            browser.all(".timeline article.note").stream()
                    .anyMatch(a -> a.getText().contains("higher limit"))
                ? true
                : null);
    browser.find("input[name=note]").click();

    // A canned response: "/" and the start of its shortcut, Enter inserts it.
    WebElement text = browser.find("#reply-text");
    text.sendKeys("Good news. /refu");
    browser.find("#canned-list [data-shortcut=refund][aria-selected=true]");
    text.sendKeys(Keys.ENTER);
    browser.waitFor(
        d ->
            text.getAttribute("value")
                    .equals(
                        "Good news. I have issued your refund. It shows on your statement within 5 business days.")
                ? true
                : null);
    assertThat(browser.present("#canned-list")).isFalse();
    text.sendKeys(Keys.CONTROL, "a");
    text.sendKeys(Keys.DELETE);
    // The customer wrote on WhatsApp minutes ago: free text is allowed for most of a day.
    new org.openqa.selenium.support.ui.Select(browser.find("select[name=channel]"))
        .selectByValue("whatsapp");
    assertThat(browser.find("[data-testid=whatsapp-window]").getText()).contains("window open");
    assertThat(text.isEnabled()).isTrue();
  }

  @Test
  @Order(6)
  void aRingingCallPopsTheCustomerBeforeItIsAnswered() {
    // The CRM says Ana has a credit card: the rate offer fits what she asked about.
    hub.postRaw(
            "/api/v1/customers/import",
            hub.adminToken(),
            "application/x-ndjson",
            io.vertx.core.buffer.Buffer.buffer(
                "{\"email\":\"ana.silva@example.com\",\"products\":[\"credit_card\"]}\n"))
        .expect(200);
    // The phone system's CTI webhook: the call rings for this agent.
    cti(
        new JsonObject()
            .put("event", "newCall")
            .put("callId", "call-42")
            .put("direction", "in")
            .put("from", PHONE)
            .put("to", "100")
            .put("user", new JsonArray().add("ana.agent")));

    WebElement pop = browser.find("section.pop[data-call-id='call-42']");
    assertThat(pop.getText())
        .containsIgnoringCase("Incoming call")
        .contains("Ana Silva", PHONE, "Card interest rate");
    WebElement offerCard =
        browser.find("section.pop[data-call-id='call-42'] [data-offer-id='card-rate-info']");
    assertThat(offerCard.getText()).contains("19.9% APR");
    browser.screenshot("screen-pop.png");

    cti(
        new JsonObject()
            .put("event", "answer")
            .put("callId", "call-42")
            .put("direction", "in")
            .put("from", PHONE)
            .put("to", "100")
            .put("user", new JsonArray().add("ana.agent")));
    browser.waitFor(d -> pop.getText().toLowerCase().contains("call answered") ? true : null);

    // The agent proposes the offer and records the customer's yes: the card goes away.
    offerCard.findElement(org.openqa.selenium.By.cssSelector("[data-action=offer-accept]")).click();
    browser.waitFor(
        d ->
            browser.present("section.pop [data-offer-id='card-rate-info']")
                    || browser.present(".conversation-offers [data-offer-id='card-rate-info']")
                ? null
                : true);

    pop.findElement(org.openqa.selenium.By.xpath(".//button[normalize-space()='Open customer']"))
        .click();
    assertThat(browser.find(".conversation h2").getText()).isEqualTo("Ana Silva");

    cti(
        new JsonObject()
            .put("event", "hangup")
            .put("callId", "call-42")
            .put("direction", "in")
            .put("from", PHONE)
            .put("to", "100")
            .put("cause", "normalClearing"));
    browser.waitFor(
        Duration.ofSeconds(8), d -> browser.present("section.pop[data-call-id]") ? null : true);
    // The call itself is on the timeline, live, as the phone connector recorded it.
    browser.waitFor(
        d ->
            browser.all(".timeline article").stream()
                    .anyMatch(
                        a ->
                            a.getText().contains("Incoming call")
                                && a.getText().contains("Completed"))
                ? true
                : null);
  }

  static void cti(JsonObject event) {
    HubFixture.Response r = hub.post("/channels/phone/cti/" + CTI_TOKEN, null, event);
    assertThat(r.status()).as(r.body().toString()).isBetween(200, 204);
  }

  @Test
  @Order(7)
  void catchesUpAfterTheConnectionDrops() {
    browser.js("window.__contactHub.dropStream(2500)");
    browser.waitFor(d -> "Reconnecting…".equals(browser.streamState()) ? true : null);

    // Sent while the desktop is offline: no live event reaches it.
    JsonObject missed =
        hub.ingest(
            message(
                "webchat",
                "Hello? Is anyone there?",
                identity("visitor", "v-offline", "Farid Haddad")));
    assertThat(browser.present(row(missed.getString("conversationId")))).isFalse();

    browser.waitFor(
        Duration.ofSeconds(15), d -> "Live".equals(browser.streamState()) ? true : null);
    assertThat(browser.find(row(missed.getString("conversationId"))).getText())
        .contains("Farid Haddad", "Is anyone there?");
  }

  @Test
  @Order(8)
  void goesAvailableAndAcceptsAnOfferedConversation() {
    hub.call(
            io.vertx.core.http.HttpMethod.PUT,
            "/api/v1/agents/ana.agent/profile",
            hub.adminToken(),
            new JsonObject().put("skills", new JsonArray().add("chat")))
        .expect(200);
    new org.openqa.selenium.support.ui.Select(browser.find("#presence-select"))
        .selectByValue("available");
    browser.waitFor(
        d ->
            browser.find("[data-testid=presence]").getAttribute("class").contains("available")
                ? true
                : null);

    JsonObject grace =
        hub.ingest(
            message(
                "webchat",
                "Hi, is the blue jacket back in stock?",
                identity("visitor", "v-grace", "Grace Kim")));
    String conversationId = grace.getString("conversationId");
    WebElement offer = browser.find("[data-offer-conversation-id='" + conversationId + "']");
    browser.waitFor(d -> offer.getText().contains("Grace Kim") ? true : null);
    int secondsLeft =
        Integer.parseInt(
            offer
                .findElement(org.openqa.selenium.By.cssSelector(".countdown"))
                .getText()
                .replace("s", "")
                .trim());
    assertThat(secondsLeft).as("offer timeout is 30 s").isBetween(1, 31);
    browser.screenshot("offer.png");

    offer.findElement(org.openqa.selenium.By.cssSelector("button[data-action=accept]")).click();
    browser.waitFor(
        d -> "Grace Kim".equals(browser.find(".conversation h2").getText()) ? true : null);
    browser.waitFor(
        d ->
            browser.present("[data-offer-conversation-id='" + conversationId + "']") ? null : true);
    JsonObject me =
        hub.get("/api/v1/agents/me", hub.login("ana.agent", agentPassword)).expect(200).json();
    assertThat(
            me.getJsonArray("work").stream()
                .map(JsonObject.class::cast)
                .filter(w -> w.getString("conversationId").equals(conversationId))
                .findFirst()
                .orElseThrow()
                .getString("state"))
        .isEqualTo("assigned");

    // The other waiting chats were offered too: declining sends them on.
    for (int n = offerCount(); n > 0; n = offerCount()) {
      int before = n;
      browser.find("[data-offer-conversation-id] button[data-action=decline]").click();
      browser.waitFor(d -> offerCount() < before ? true : null);
    }
    browser.find("#inbox-tab-mine").click();
    browser.waitFor(d -> browser.present(row(conversationId)) ? true : null);
    assertThat(browser.all("li[role=option]")).allMatch(r -> !r.getText().contains("Dmitri"));

    // My queues: mine plus the declined chats waiting in the chat queue; not the email queue's.
    browser.find("#inbox-tab-queues").click();
    browser.waitFor(
        d ->
            browser.present(row(conversationId))
                    && browser.all("li[role=option]").stream()
                        .anyMatch(r -> r.getText().contains("Bruno Costa"))
                ? true
                : null);
    assertThat(browser.all("li[role=option]")).allMatch(r -> !r.getText().contains("Dmitri"));
  }

  @Test
  @Order(9)
  void aClosedWhatsAppWindowStopsFreeText() {
    java.time.Instant wrote = java.time.Instant.now().minus(Duration.ofHours(26));
    JsonObject late =
        hub.ingest(
            message(
                    "whatsapp",
                    "Are you still there?",
                    identity("phone", "+14155550166", "Hugo Lind").put("verified", true))
                .put("occurredAt", wrote.toString())
                .put(
                    "extras",
                    new JsonObject()
                        .put(
                            "whatsapp",
                            new JsonObject()
                                .put(
                                    "windowClosesAt",
                                    wrote.plus(Duration.ofHours(24)).toString()))));
    browser.go("/?conversation=" + late.getString("conversationId"));
    browser.waitFor(
        d -> "Hugo Lind".equals(browser.find(".conversation h2").getText()) ? true : null);

    assertThat(browser.find("[data-testid=whatsapp-window]").getText())
        .contains("24-hour window is closed");
    assertThat(browser.find("#reply-text").isEnabled()).isFalse();
    assertThat(browser.find(".composer button[type=submit]").isEnabled()).isFalse();
    // An internal note is still possible.
    browser.find("input[name=note]").click();
    assertThat(browser.find("#reply-text").isEnabled()).isTrue();
    browser.find("input[name=note]").click();
  }

  @Test
  @Order(10)
  void everyTextIsReadableAndEveryControlLabelled() {
    browser.find("#inbox-tab-all").click();
    // WCAG AA: 4.5:1 for text, against the nearest opaque background behind it.
    @SuppressWarnings("unchecked")
    java.util.List<String> lowContrast = (java.util.List<String>) browser.js(CONTRAST_CHECK);
    assertThat(lowContrast).isEmpty();
    @SuppressWarnings("unchecked")
    java.util.List<String> unlabelled =
        (java.util.List<String>)
            browser.js(
                "return [...document.querySelectorAll('button, input, select, textarea,"
                    + " [role=listbox], [role=tab]')]"
                    + ".filter(e => e.offsetParent !== null && e.type !== 'hidden')"
                    + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')"
                    + " && !e.getAttribute('aria-labelledby') && !e.textContent.trim())"
                    + ".map(e => e.outerHTML.slice(0, 120))");
    assertThat(unlabelled).isEmpty();
  }

  static final String CONTRAST_CHECK =
      """
      const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
      const lum = ([r, g, b]) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const background = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const bad = [];
      for (const el of document.querySelectorAll('body *')) {
        if (el.closest('iframe, canvas, svg, [disabled], [aria-hidden=true]')) continue;
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own || el.offsetParent === null) continue;
        const s = getComputedStyle(el);
        if (s.visibility !== 'visible' || Number(s.opacity) < 1) continue;
        const fg = rgb(s.color).slice(0, 3);
        const [a, b] = [lum(fg), lum(background(el))].sort((x, y) => y - x);
        const ratio = (a + 0.05) / (b + 0.05);
        if (ratio < 4.5) bad.push(ratio.toFixed(2) + ' ' + el.tagName + '.' + el.className + ': ' + el.textContent.trim().slice(0, 40));
      }
      return bad;
      """;

  static int offerCount() {
    return browser.all("[data-offer-conversation-id]").size();
  }

  static String row(String conversationId) {
    return "li[role=option][data-conversation-id='" + conversationId + "']";
  }

  static String item(String interactionId) {
    return "article[data-interaction-id='" + interactionId + "']";
  }

  static boolean contractHas(String path) {
    try (InputStream in =
        AgentDesktopBrowserTest.class
            .getClassLoader()
            .getResourceAsStream("contract/openapi.yaml")) {
      return in != null
          && new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(path + ":");
    } catch (IOException e) {
      return false;
    }
  }
}
