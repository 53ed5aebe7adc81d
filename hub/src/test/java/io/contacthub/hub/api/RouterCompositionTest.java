package io.contacthub.hub.api;

import static io.contacthub.hub.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.hub.model.HubException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connectors and the agent UI mount their routes on the API's router after it is built. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterCompositionTest extends ApiServerTest {

  @BeforeAll
  static void mountRoutes() {
    Router email = Router.router(vertx);
    email.post("/inbound").handler(ctx -> ctx.fail(new HubException(401, "Unauthorized", "no")));
    email.get("/broken").handler(ctx -> ctx.fail(new IllegalStateException("secret path /x")));
    api.router.route("/channels/email/*").subRouter(email);
    api.router.get("/supervisor").handler(ctx -> ctx.end("wall"));
  }

  @Test
  void routesMountedLaterAreServed() {
    assertThat(api.request(HttpMethod.GET, "/supervisor").send().await().bodyAsString())
        .isEqualTo("wall");
  }

  @Test
  void failuresOfMountedRoutesAreProblemsToo() {
    assertProblem(api.request(HttpMethod.POST, "/channels/email/inbound").send().await(), 401);
    String detail =
        assertProblem(api.request(HttpMethod.GET, "/channels/email/broken").send().await(), 500);
    assertThat(detail).doesNotContain("secret path");
    assertProblem(api.request(HttpMethod.GET, "/channels/email/nothing").send().await(), 404);
  }

  @Test
  void apiStillAnswersBesideThem() {
    assertThat(api.as("alice", HttpMethod.GET, "/api/v1/me").send().await().statusCode())
        .isEqualTo(200);
  }
}
