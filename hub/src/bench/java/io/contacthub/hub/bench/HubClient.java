package io.contacthub.hub.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;

/**
 * The hub's HTTP API as the bench uses it, over keep-alive connections on loopback. At most {@code
 * connections} requests are on the wire at once; more wait in the client's queue.
 */
final class HubClient implements AutoCloseable {

  private final WebClient client;
  private volatile String agentToken;

  HubClient(Vertx vertx, int port, int connections) {
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port)
                .setKeepAlive(true)
                .setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  /** Logs in as admin; later reads use the token. */
  Future<Void> login() {
    return client
        .post("/api/v1/auth/login")
        .sendJsonObject(
            new JsonObject().put("login", "admin").put("password", HubProcess.ADMIN_PASSWORD))
        .map(
            r -> {
              agentToken = expect(r, 200).bodyAsJsonObject().getString("accessToken");
              return null;
            });
  }

  Future<HttpResponse<Buffer>> ingest(Buffer json) {
    return ingestRequest("/api/v1/interactions").sendBuffer(json);
  }

  Future<HttpResponse<Buffer>> ingestBatch(Buffer json) {
    return ingestRequest("/api/v1/interactions:batch").sendBuffer(json);
  }

  /** GET /api/v1/search with these query parameters. */
  Future<JsonObject> search(Map<String, String> params) {
    HttpRequest<Buffer> request = authorized(client.get("/api/v1/search"));
    params.forEach(request::addQueryParam);
    return request.send().map(r -> expect(r, 200).bodyAsJsonObject());
  }

  Future<JsonObject> timeline(String customerId, String cursor, int limit) {
    HttpRequest<Buffer> request =
        authorized(client.get("/api/v1/customers/" + customerId + "/timeline"))
            .addQueryParam("limit", Integer.toString(limit));
    if (cursor != null) {
      request.addQueryParam("cursor", cursor);
    }
    return request.send().map(r -> expect(r, 200).bodyAsJsonObject());
  }

  /**
   * The readiness JSON, whatever the status (it carries the index backlog). Gives up after 10 s: a
   * request that reaches the hub while it is still starting can go unanswered (its HTTP metrics
   * fail on a connection accepted before they were ready), and the caller asks again.
   */
  Future<JsonObject> readiness() {
    return client.get("/health/ready").timeout(10_000).send().map(HttpResponse::bodyAsJsonObject);
  }

  /** The Prometheus scrape. */
  Future<String> metrics() {
    return client.get("/metrics").send().map(r -> expect(r, 200).bodyAsString());
  }

  static <T> HttpResponse<T> expect(HttpResponse<T> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          "HTTP " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response;
  }

  private HttpRequest<Buffer> ingestRequest(String path) {
    return client
        .post(path)
        .putHeader("Authorization", "Bearer " + HubProcess.INGEST_TOKEN)
        .putHeader("Content-Type", "application/json");
  }

  private HttpRequest<Buffer> authorized(HttpRequest<Buffer> request) {
    return request.putHeader("Authorization", "Bearer " + agentToken);
  }

  @Override
  public void close() {
    client.close();
  }
}
