package io.contacthub.hub.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.hub.e2e.HubFixture;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * User administration at /admin/users and the change-password dialog, in a real browser against a
 * started hub: what the page does is checked through the API. The steps share one hub and one
 * browser, in order.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminUsersBrowserTest extends HubAndBrowserPerClassTest {

  static final String CARA = "cara.agent";
  static final String CARA_PASSWORD = "cara-first-password";
  static final String DORA = "dora.agent";
  static final String DORA_PASSWORD = "dora.agent-password-123";

  @BeforeAll
  static void start() {
    hub = HubFixture.start(data);
    browser = Browser.open(hub.port());
    hub.userToken(DORA, "agent");
  }

  static WebElement row(String login) {
    return browser.find("tr[data-user='" + login + "']");
  }

  static String cell(String login, String col) {
    return browser.find("tr[data-user='" + login + "'] [data-col='" + col + "']").getText().trim();
  }

  static HubFixture.Response logIn(String login, String password) {
    return hub.post(
        "/api/v1/auth/login", null, new JsonObject().put("login", login).put("password", password));
  }

  static JsonObject userFromApi(String login) {
    return hub
        .get("/api/v1/users", hub.adminToken())
        .expect(200)
        .json()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(u -> login.equals(u.getString("login")))
        .findFirst()
        .orElseThrow();
  }

  static void type(String css, String text) {
    WebElement input = browser.find(css);
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
  }

  @Test
  @Order(1)
  void anAdminCreatesAnAgentAndTheTableShowsIt() {
    browser.logout();
    browser.login("admin", HubFixture.ADMIN_PASSWORD);
    browser.find("[data-testid=nav-users]").click();
    browser.waitFor(d -> d.getCurrentUrl().endsWith("/admin/users") ? true : null);
    row("admin");
    assertThat(cell(DORA, "role")).isEqualTo("agent");

    type("#new-login", CARA);
    type("#new-name", "Cara Lopes");
    new Select(browser.find("#new-role")).selectByValue("agent");
    type("#new-email", "cara@example.com");
    type("#new-extension", "204");
    type("#new-user-password", CARA_PASSWORD);
    browser.find("[data-testid=create-user] button[type=submit]").click();

    row(CARA);
    assertThat(cell(CARA, "name")).isEqualTo("Cara Lopes");
    assertThat(cell(CARA, "role")).isEqualTo("agent");
    assertThat(cell(CARA, "email")).isEqualTo("cara@example.com");
    assertThat(cell(CARA, "extension")).isEqualTo("204");
    assertThat(cell(CARA, "status")).isEqualTo("enabled");
    assertThat(browser.find("[data-testid=users-notice]").getText()).contains(CARA);
    // The form is empty again for the next user.
    assertThat(browser.find("#new-login").getAttribute("value")).isEmpty();
    logIn(CARA, CARA_PASSWORD).expect(200);
    JsonObject user = userFromApi(CARA);
    assertThat(user.getString("displayName")).isEqualTo("Cara Lopes");
    assertThat(user.getString("role")).isEqualTo("agent");
    assertThat(user.getString("extension")).isEqualTo("204");
  }

  @Test
  @Order(2)
  void aTakenLoginShowsTheHubsDetail() {
    type("#new-login", DORA);
    type("#new-name", "Another Dora");
    type("#new-user-password", "another-password-1");
    browser.find("[data-testid=create-user] button[type=submit]").click();
    WebElement alert = browser.find("[data-testid=create-error]");
    assertThat(alert.getAttribute("role")).isEqualTo("alert");
    assertThat(alert.getText()).contains("exists");
    assertThat(userFromApi(DORA).getString("displayName")).isEqualTo(DORA);
  }

  @Test
  @Order(3)
  void anAdminChangesARoleAndTheContactDetails() {
    row(CARA).findElement(org.openqa.selenium.By.cssSelector("[data-action=edit]")).click();
    assertThat(browser.find("#edit-name").getAttribute("value")).isEqualTo("Cara Lopes");
    new Select(browser.find("#edit-role")).selectByValue("supervisor");
    type("#edit-extension", "205");
    browser.screenshot("admin-users.png");
    browser.find("[data-testid=edit-user] button[type=submit]").click();

    browser.waitFor(d -> "supervisor".equals(cell(CARA, "role")) ? true : null);
    assertThat(cell(CARA, "extension")).isEqualTo("205");
    assertThat(browser.present("[data-testid=edit-user]")).isFalse();
    JsonObject user = userFromApi(CARA);
    assertThat(user.getString("role")).isEqualTo("supervisor");
    assertThat(user.getString("extension")).isEqualTo("205");
    assertThat(user.getString("email")).isEqualTo("cara@example.com");
  }

  @Test
  @Order(4)
  void aDisabledUserCannotLogInUntilEnabledAgain() {
    browser.find("tr[data-user='" + CARA + "'] [data-action=disable]").click();
    browser.waitFor(d -> "disabled".equals(cell(CARA, "status")) ? true : null);
    logIn(CARA, CARA_PASSWORD).expect(401);
    assertThat(userFromApi(CARA).getBoolean("disabled")).isTrue();

    browser.find("tr[data-user='" + CARA + "'] [data-action=enable]").click();
    browser.waitFor(d -> "enabled".equals(cell(CARA, "status")) ? true : null);
    logIn(CARA, CARA_PASSWORD).expect(200);
  }

  @Test
  @Order(5)
  void anAdminResetsAPassword() {
    row(CARA).findElement(org.openqa.selenium.By.cssSelector("[data-action=edit]")).click();
    type("#reset-password", "cara-second-password");
    browser.find("[data-action=reset-password]").click();
    browser.waitFor(
        d ->
            browser.find("[data-testid=users-notice]").getText().contains("New password set")
                ? true
                : null);
    logIn(CARA, CARA_PASSWORD).expect(401);
    logIn(CARA, "cara-second-password").expect(200);
    browser.find("[data-testid=edit-user] button[type=button]").click();
    browser.waitFor(d -> browser.present("[data-testid=edit-user]") ? null : true);
  }

  @Test
  @Order(6)
  void theLastAdminCannotDisableThemselves() {
    browser.find("tr[data-user='admin'] [data-action=disable]").click();
    WebElement alert = browser.find("[data-testid=list-error]");
    assertThat(alert.getAttribute("role")).isEqualTo("alert");
    assertThat(alert.getText()).contains("last enabled admin");
    assertThat(cell("admin", "status")).isEqualTo("enabled");
    logIn("admin", HubFixture.ADMIN_PASSWORD).expect(200);
    // The admin's session goes on.
    assertThat(browser.streamState()).isEqualTo("Live");
  }

  @Test
  @Order(7)
  void anAgentSeesNoAdminEntryAndGetsNoAdminPage() {
    browser.logout();
    browser.login(DORA, DORA_PASSWORD);
    assertThat(browser.present("[data-testid=nav-users]")).isFalse();
    browser.go("/admin/users");
    assertThat(browser.find("[data-testid=admins-only]").getText()).contains("for admins");
    assertThat(browser.present("tr[data-user]")).isFalse();
    assertThat(browser.present("[data-testid=create-user]")).isFalse();
    assertThat(browser.present("[data-testid=nav-users]")).isFalse();
  }

  @Test
  @Order(8)
  void anAgentChangesTheirOwnPasswordAndStaysLoggedIn() {
    browser.go("/");
    browser.waitFor(d -> "Live".equals(browser.streamState()) ? true : null);
    browser.find("[data-testid=change-password]").click();

    type("#current-password", "not-my-password");
    type("#new-password", "dora-new-password-1");
    type("#repeat-password", "dora-new-password-1");
    browser.find("[data-testid=password-dialog] button[type=submit]").click();
    WebElement alert = browser.find("[data-testid=password-dialog] [role=alert]");
    assertThat(alert.getText()).contains("current password is not correct");

    type("#current-password", DORA_PASSWORD);
    type("#new-password", "dora-new-password-1");
    type("#repeat-password", "dora-new-password-1");
    browser.find("[data-testid=password-dialog] button[type=submit]").click();
    browser.find("[data-testid=password-changed]");
    browser.find("[data-testid=password-dialog] button.primary").click();

    logIn(DORA, DORA_PASSWORD).expect(401);
    logIn(DORA, "dora-new-password-1").expect(200);
    // The fresh token is the session's: the stream reconnects with it and a reload keeps it.
    browser.waitFor(d -> "Live".equals(browser.streamState()) ? true : null);
    browser.go("/");
    browser.waitFor(d -> "Live".equals(browser.streamState()) ? true : null);
    assertThat(browser.present("#login")).isFalse();
    String token =
        (String)
            browser.js("return JSON.parse(sessionStorage.getItem('contact-hub.session')).token");
    assertThat(hub.get("/api/v1/me", token).expect(200).json().getString("login")).isEqualTo(DORA);
  }
}
