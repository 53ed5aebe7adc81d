package io.contacthub.hub.auth;

import io.contacthub.hub.model.HubException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Lets a request through when its caller's role includes one of the required roles (see {@link
 * Role#includes}); fails it with 403 otherwise. Runs after {@link AuthHandler}.
 */
public final class RoleCheck implements Handler<RoutingContext> {

  private final List<Role> anyOf;
  private final String detail;

  private RoleCheck(List<Role> anyOf) {
    this.anyOf = anyOf;
    this.detail =
        "requires the role "
            + anyOf.stream().map(Role::wireName).collect(Collectors.joining(" or "));
  }

  public static RoleCheck anyOf(Role... roles) {
    if (roles.length == 0) {
      throw new IllegalArgumentException("at least one role");
    }
    return new RoleCheck(Arrays.asList(roles));
  }

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = AuthHandler.caller(ctx);
    if (caller == null) {
      ctx.fail(new HubException(401, "Unauthorized", "not authenticated"));
    } else if (anyOf.stream().anyMatch(caller.role()::includes)) {
      ctx.next();
    } else {
      ctx.fail(new HubException(403, "Forbidden", detail));
    }
  }
}
