package io.contacthub.hub.api;

import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.canned.CannedResponses;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/** {@code GET /api/v1/canned-responses}: the texts agents insert in the composer. */
final class CannedResponseRoute {

  private CannedResponseRoute() {}

  static void mount(Endpoints endpoints, CannedResponses canned) {
    endpoints.read(
        HttpMethod.GET,
        "/api/v1/canned-responses",
        "listCannedResponses",
        RoleCheck.anyOf(Role.AGENT),
        ctx -> Responses.json(ctx, canned.list(), (JsonObject j) -> j));
  }
}
