package io.contacthub.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HealthApiTest extends ApiServerTest {

  private static HttpResponse<Buffer> get(String uri) {
    return api.request(HttpMethod.GET, uri).send().await();
  }

  @Test
  void liveWithoutAuth() {
    HttpResponse<Buffer> response = get("/health/live");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
  }

  @Test
  void readyFollowsTheCheck() {
    api.readiness.set(Future.succeededFuture(new JsonObject().put("index", "UP")));
    HttpResponse<Buffer> up = get("/health/ready");
    api.readiness.set(Future.succeededFuture(new JsonObject().put("status", "DOWN")));
    HttpResponse<Buffer> down = get("/health/ready");
    api.readiness.set(Future.failedFuture("log not replayed yet"));
    HttpResponse<Buffer> failed = get("/health/ready");

    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.bodyAsJsonObject().getString("status")).isEqualTo("UP");
    assertThat(up.bodyAsJsonObject().getString("index")).isEqualTo("UP");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(failed.bodyAsJsonObject().getString("detail")).isEqualTo("log not replayed yet");
  }

  @Test
  void metricsInPrometheusTextFormat() {
    api.metrics.counter("hub_test_events").increment(3);

    HttpResponse<Buffer> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/plain; version=0.0.4");
    assertThat(response.bodyAsString()).contains("# TYPE hub_test_events_total counter");
    assertThat(response.bodyAsString()).contains("hub_test_events_total 3.0");
  }
}
