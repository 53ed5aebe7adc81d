package io.contacthub.hub.api;

import io.contacthub.hub.auth.AuthHandler;
import io.contacthub.hub.auth.Caller;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.calls.CallNotes;
import io.contacthub.hub.model.Interaction;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /api/v1/interactions/{id}/call-notes}: an agent's note and disposition on a call. */
final class CallNotesRoute {

  private final CallNotes notes;

  private CallNotesRoute(CallNotes notes) {
    this.notes = notes;
  }

  static void mount(Endpoints endpoints, CallNotes notes, ApiOptions options) {
    CallNotesRoute route = new CallNotesRoute(notes);
    endpoints.mount(
        HttpMethod.POST,
        "/api/v1/interactions/{id}/call-notes",
        "addCallNotes",
        options.maxBodyBytes(),
        RoleCheck.anyOf(Role.AGENT),
        route::add);
  }

  private void add(RoutingContext ctx) {
    JsonObject body = Contract.validated(ctx).getBody().getJsonObject();
    Caller caller = AuthHandler.caller(ctx);
    Responses.json(
        ctx,
        notes.add(
            Params.path(ctx, "id"),
            new CallNotes.Entry(body.getString("note"), body.getString("disposition")),
            caller.login(),
            caller.displayName()),
        Interaction::toJson);
  }
}
