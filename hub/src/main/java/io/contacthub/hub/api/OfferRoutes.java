package io.contacthub.hub.api;

import io.contacthub.hub.auth.AuthHandler;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.offers.InvalidRulesException;
import io.contacthub.hub.offers.OfferAnswer;
import io.contacthub.hub.offers.Offers;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/v1/offers}: an agent reports the customer's answer to an offer (accept, decline with
 * a reason); supervisors read the counts and the rules in force; admins reload the rule file.
 */
final class OfferRoutes {

  private final Offers offers;

  private OfferRoutes(Offers offers) {
    this.offers = offers;
  }

  static void mount(Endpoints endpoints, Offers offers, ApiOptions options) {
    OfferRoutes routes = new OfferRoutes(offers);
    endpoints.mount(
        HttpMethod.POST,
        "/api/v1/offers/{offerId}/accept",
        "acceptOffer",
        options.maxBodyBytes(),
        RoleCheck.anyOf(Role.AGENT),
        ctx -> routes.answer(ctx, true));
    endpoints.mount(
        HttpMethod.POST,
        "/api/v1/offers/{offerId}/decline",
        "declineOffer",
        options.maxBodyBytes(),
        RoleCheck.anyOf(Role.AGENT),
        ctx -> routes.answer(ctx, false));
    endpoints.read(
        HttpMethod.GET,
        "/api/v1/offers/stats",
        "getOfferStats",
        RoleCheck.anyOf(Role.SUPERVISOR),
        ctx ->
            Responses.json(
                ctx,
                Future.succeededFuture(offers.metrics().summary(offers.rules().current())),
                j -> j));
    endpoints.read(
        HttpMethod.GET,
        "/api/v1/offers/rules",
        "getOfferRules",
        RoleCheck.anyOf(Role.SUPERVISOR),
        ctx -> Responses.json(ctx, Future.succeededFuture(offers.rules().status()), j -> j));
    endpoints.read(
        HttpMethod.POST,
        "/api/v1/offers/rules/reload",
        "reloadOfferRules",
        RoleCheck.anyOf(Role.ADMIN),
        routes::reload);
  }

  private void answer(RoutingContext ctx, boolean accepted) {
    JsonObject body = Contract.validated(ctx).getBody().getJsonObject();
    Future<JsonObject> result;
    try {
      result =
          offers
              .responses()
              .answer(
                  new OfferAnswer(
                      Params.path(ctx, "offerId"),
                      body.getString("customerId"),
                      accepted,
                      body.getString("reason"),
                      body.getString("conversationId"),
                      AuthHandler.caller(ctx).login()));
    } catch (HubException e) {
      result = Future.failedFuture(e);
    }
    Responses.json(ctx, result, j -> j);
  }

  /** A file that does not validate is a 422 naming its problems; the running rules stay. */
  private void reload(RoutingContext ctx) {
    Responses.json(
        ctx,
        offers
            .rules()
            .reload()
            .map(set -> offers.rules().status())
            .recover(
                e ->
                    Future.failedFuture(
                        e instanceof InvalidRulesException invalid
                            ? new HubException(
                                422,
                                "Unprocessable Content",
                                "the offer rules were not reloaded, the running set stays: "
                                    + String.join("; ", invalid.problems()))
                            : e)),
        j -> j);
  }
}
