package io.contacthub.hub.e2e;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the Meta Graph API and the Telegram Bot API on a free loopback port. It
 * records every request, answers scripted responses first (429 with Retry-After, 5xx, 4xx) and
 * otherwise what the real APIs answer a valid send: the Cloud API's {@code messages[].id}, the Send
 * API's {@code message_id}, the Bot API's {@code result.message_id}. A request without the
 * documented shape (no bearer token for Graph, not JSON) gets the platform's own kind of error.
 */
public final class FakePlatformApi implements AutoCloseable {

  /** One request as the hub sent it. */
  public record Request(String method, String path, MultiMap headers, Buffer body, long nanos) {
    public JsonObject json() {
      return body.toJsonObject();
    }
  }

  /** A canned answer. */
  public record Scripted(int status, Map<String, String> headers, JsonObject body) {}

  private final HttpServer server;
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private final Queue<Scripted> script = new ConcurrentLinkedQueue<>();
  private final AtomicInteger ids = new AtomicInteger();

  private FakePlatformApi(HttpServer server) {
    this.server = server;
  }

  public static FakePlatformApi start(Vertx vertx) {
    FakePlatformApi[] self = new FakePlatformApi[1];
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(req -> req.body().onSuccess(b -> self[0].handle(req, b)));
    self[0] = new FakePlatformApi(server);
    HubFixture.await(server.listen(0, "127.0.0.1"));
    return self[0];
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Answers the next requests with these, in order, before the normal answers. */
  public void script(Scripted... answers) {
    script.addAll(java.util.List.of(answers));
  }

  /** The next request the hub sent, waiting up to {@code wait}. */
  public Request next(Duration wait) throws InterruptedException {
    Request r = requests.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (r == null) {
      throw new AssertionError("the hub sent no request within " + wait);
    }
    return r;
  }

  /** Requests received and not yet taken with {@link #next}. */
  public int pending() {
    return requests.size();
  }

  private void handle(HttpServerRequest req, Buffer body) {
    requests.add(
        new Request(
            req.method().name(),
            req.path(),
            MultiMap.caseInsensitiveMultiMap().addAll(req.headers()),
            body,
            System.nanoTime()));
    Scripted s = script.poll();
    if (s == null) {
      s = normalAnswer(req, body);
    }
    var response = req.response().setStatusCode(s.status());
    s.headers().forEach(response::putHeader);
    response.putHeader("Content-Type", "application/json").end(s.body().encode());
  }

  private Scripted normalAnswer(HttpServerRequest req, Buffer body) {
    JsonObject json;
    try {
      json = body.toJsonObject();
    } catch (RuntimeException e) {
      return graphError(400, "(#100) The request body is not JSON");
    }
    String path = req.path();
    int n = ids.incrementAndGet();
    if (path.startsWith("/bot") && path.endsWith("/sendMessage")) {
      return new Scripted(
          200,
          Map.of(),
          new JsonObject()
              .put("ok", true)
              .put(
                  "result",
                  new JsonObject()
                      .put("message_id", 5000 + n)
                      .put("from", new JsonObject().put("id", 987654321).put("is_bot", true))
                      .put(
                          "chat",
                          new JsonObject()
                              .put("id", json.getValue("chat_id"))
                              .put("type", "private"))
                      .put("date", System.currentTimeMillis() / 1000)
                      .put("text", json.getString("text"))));
    }
    String auth = req.getHeader("Authorization");
    if (auth == null || !auth.startsWith("Bearer ")) {
      return graphError(401, "An access token is required to request this resource.");
    }
    if (path.endsWith("/me/messages")) {
      return new Scripted(
          200,
          Map.of(),
          new JsonObject()
              .put("recipient_id", json.getJsonObject("recipient").getString("id"))
              .put("message_id", "m_fake" + n));
    }
    if (path.endsWith("/messages")) {
      String to = json.getString("to");
      return new Scripted(
          200,
          Map.of(),
          new JsonObject()
              .put("messaging_product", "whatsapp")
              .put(
                  "contacts",
                  new JsonArray().add(new JsonObject().put("input", to).put("wa_id", to)))
              .put("messages", new JsonArray().add(new JsonObject().put("id", "wamid.fake" + n))));
    }
    return graphError(404, "Unknown path components: " + path);
  }

  static Scripted graphError(int status, String message) {
    return new Scripted(
        status,
        Map.of(),
        new JsonObject()
            .put(
                "error",
                new JsonObject()
                    .put("message", message)
                    .put("type", "OAuthException")
                    .put("code", 100)
                    .put("fbtrace_id", "AbCdEf")));
  }

  @Override
  public void close() {
    HubFixture.await(server.close());
  }
}
