package io.contacthub.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Checks that a response is a well-formed problem document without server internals. */
public final class ProblemAssert {

  private ProblemAssert() {}

  /** Asserts the status and the problem shape; returns the detail. */
  public static String assertProblem(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isNotBlank();
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    String detail = problem.getString("detail");
    assertThat(detail).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    return detail;
  }
}
