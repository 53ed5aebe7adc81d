package io.contacthub.hub.api;

import io.contacthub.connector.Channel;
import io.contacthub.hub.auth.AuthHandler;
import io.contacthub.hub.auth.Caller;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.reply.Reply;
import io.contacthub.hub.reply.ReplyService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/conversations/{id}/replies}: an agent answers (or notes). Answers 202: the
 * reply is stored; its delivery state follows as {@code interaction.updated} events.
 */
final class ReplyRoute {

  private static final RoleCheck STAFF = RoleCheck.anyOf(Role.AGENT);

  private final ReplyService replies;

  private ReplyRoute(ReplyService replies) {
    this.replies = replies;
  }

  static void mount(Endpoints endpoints, ReplyService replies, ApiOptions options) {
    ReplyRoute route = new ReplyRoute(replies);
    endpoints.mount(
        HttpMethod.POST,
        "/api/v1/conversations/{id}/replies",
        "replyToConversation",
        options.maxBodyBytes(),
        STAFF,
        route::reply);
  }

  private void reply(RoutingContext ctx) {
    JsonObject body = Contract.validated(ctx).getBody().getJsonObject();
    String wire = body.getString("channel");
    Channel channel =
        wire == null
            ? null
            : Channel.fromWireName(wire)
                .orElseThrow(() -> new IllegalArgumentException("channel: unknown value " + wire));
    if (body.getBoolean("note", false) && body.getJsonObject("template") != null) {
      throw new IllegalArgumentException("template: a note is never sent, so it takes no template");
    }
    Caller caller = AuthHandler.caller(ctx);
    Responses.json(
        ctx,
        replies.reply(
            Params.path(ctx, "id"),
            new Reply(
                body.getString("text"),
                body.getString("subject"),
                channel,
                body.getBoolean("note", false),
                body.getJsonObject("template")),
            caller.login(),
            caller.displayName()),
        stored -> 202,
        Interaction::toJson);
  }
}
