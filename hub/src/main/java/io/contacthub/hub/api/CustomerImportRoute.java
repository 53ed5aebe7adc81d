package io.contacthub.hub.api;

import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.customers.CrmImportParser;
import io.contacthub.hub.customers.CrmRecord;
import io.contacthub.hub.customers.CustomerImport;
import io.contacthub.hub.customers.ImportSummary;
import io.contacthub.hub.model.HubException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /api/v1/customers/import}: CRM attributes as CSV ({@code text/csv}) or JSON lines
 * ({@code application/x-ndjson}). Admins and integrations (the ingest token) may import.
 */
final class CustomerImportRoute {

  private CustomerImportRoute() {}

  static void mount(Endpoints endpoints, CustomerImport customerImport) {
    endpoints.mount(
        HttpMethod.POST,
        "/api/v1/customers/import",
        "importCustomers",
        customerImport.options().importMaxBytes(),
        RoleCheck.anyOf(Role.ADMIN, Role.SERVICE),
        ctx -> handle(ctx, customerImport));
  }

  private static void handle(RoutingContext ctx, CustomerImport customerImport) {
    String type = String.valueOf(ctx.request().getHeader("Content-Type")).toLowerCase(Locale.ROOT);
    String body = ctx.body().asString("UTF-8");
    Future<ImportSummary> result;
    try {
      List<CrmRecord> rows;
      if (type.startsWith("text/csv")) {
        rows = CrmImportParser.csv(body == null ? "" : body);
      } else if (type.startsWith("application/x-ndjson") || type.startsWith("application/jsonl")) {
        rows = CrmImportParser.jsonLines(body == null ? "" : body);
      } else {
        throw new HubException(
            415,
            "Unsupported Media Type",
            "send text/csv or application/x-ndjson (one JSON object per line)");
      }
      result = customerImport.apply(rows);
    } catch (HubException e) {
      result = Future.failedFuture(e);
    }
    Responses.json(ctx, result, ImportSummary::toJson);
  }
}
