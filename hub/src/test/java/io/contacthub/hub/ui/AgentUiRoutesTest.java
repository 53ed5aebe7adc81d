package io.contacthub.hub.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.hub.e2e.HubFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How the hub serves the browser apps: which URLs get the app, caching, security headers. */
@Timeout(60)
class AgentUiRoutesTest {

  @TempDir static Path data;
  static HubFixture hub;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    hub = HubFixture.start(data);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  static HttpResponse<String> get(String path, String accept) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + path)).GET();
    if (accept != null) {
      b.header("Accept", accept);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static boolean isTheApp(HttpResponse<String> r) {
    return r.statusCode() == 200 && r.body().contains("<div id=\"app\">");
  }

  @Test
  void desktopAndWallLoadTheAppWithSecurityHeadersAndNoCache() throws Exception {
    for (String path : new String[] {"/", "/supervisor"}) {
      HttpResponse<String> r = get(path, null);
      assertThat(isTheApp(r)).as(path).isTrue();
      assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
      assertThat(r.headers().firstValue("cache-control")).hasValue("no-cache");
      assertThat(r.headers().firstValue("content-security-policy").orElseThrow())
          .contains(
              "default-src 'self'",
              "connect-src 'self' ws: wss:",
              "object-src 'none'",
              "base-uri 'none'")
          .doesNotContain("unsafe-eval")
          .doesNotContain("script-src");
      assertThat(r.headers().firstValue("x-content-type-options")).hasValue("nosniff");
      assertThat(r.headers().firstValue("referrer-policy")).hasValue("no-referrer");
    }
  }

  @Test
  void otherPagesABrowserOpensAreClientRoutes() throws Exception {
    assertThat(isTheApp(get("/supervisor/queues/billing", "text/html,application/xhtml+xml")))
        .isTrue();
    assertThat(isTheApp(get("/some/page", "application/json"))).isFalse();
    assertThat(get("/some/page", "application/json").statusCode()).isEqualTo(404);
  }

  @Test
  void apiChannelAndOperationsPathsNeverGetTheApp() throws Exception {
    for (String path :
        new String[] {
          "/api/v1/nothing",
          "/api",
          "/channels/nothing",
          "/health/nothing",
          "/metrics/x",
          "/widget.js"
        }) {
      assertThat(isTheApp(get(path, "text/html"))).as(path).isFalse();
    }
    assertThat(get("/api/v1/nothing", "text/html").statusCode()).isEqualTo(404);
  }

  @Test
  void hashedAssetsAreCachedForAYear() throws Exception {
    Matcher m = Pattern.compile("/assets/[^\"]+\\.js").matcher(get("/", null).body());
    assertThat(m.find()).isTrue();
    HttpResponse<String> js = get(m.group(), null);

    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("cache-control").orElseThrow())
        .contains("max-age=31536000", "immutable");
    assertThat(js.headers().firstValue("content-type").orElseThrow()).contains("javascript");
    assertThat(get("/assets/missing.js", null).statusCode()).isEqualTo(404);
  }

  @Test
  void theChatWidgetIsOneSmallEmbeddableScriptWithoutGlobals() throws Exception {
    HttpResponse<String> r = get("/widget.js", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElseThrow()).contains("javascript");
    assertThat(r.headers().firstValue("cache-control").orElseThrow()).contains("max-age=300");
    assertThat(r.headers().firstValue("cross-origin-resource-policy")).hasValue("cross-origin");
    // Embeddable anywhere: no frame or content policy of the desktop applies to it.
    assertThat(r.headers().firstValue("x-frame-options")).isEmpty();
    // One function scope: nothing leaks into the host page's globals.
    assertThat(r.body()).startsWith("(function(){").doesNotContain("import ");
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(gz.size()).isLessThanOrEqualTo(50 * 1024);
  }
}
