package io.contacthub.connector.phone.cdr;

import io.contacthub.connector.Problems;
import io.contacthub.connector.phone.PhoneNumbers;
import io.contacthub.connector.phone.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /channels/phone/cdr?format=asterisk|generic[&timezone=Europe/Berlin]}: imports a call
 * log (body {@code text/csv}), answering {@code {imported, duplicates, skipped, rejected: [{line,
 * reason}]}}. Authorized by {@code Authorization: Bearer} with the CTI or ingest token.
 */
public final class CdrEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(CdrEndpoint.class);
  private static final Set<String> CSV_TYPES =
      Set.of("text/csv", "text/plain", "application/csv", "application/octet-stream");

  private final Vertx vertx;
  private final Tokens tokens;
  private final CdrImporter importer;
  private final AsteriskCdrParser asterisk;
  private final GenericCdrParser generic = new GenericCdrParser();
  private final ZoneId defaultZone;
  private final long maxBytes;

  public CdrEndpoint(
      Vertx vertx,
      Tokens tokens,
      CdrImporter importer,
      PhoneNumbers numbers,
      ZoneId defaultZone,
      long maxBytes) {
    this.vertx = vertx;
    this.tokens = tokens;
    this.importer = importer;
    this.asterisk = new AsteriskCdrParser(numbers);
    this.defaultZone = defaultZone;
    this.maxBytes = maxBytes;
  }

  public void mount(Router router) {
    // Checked before the body is read; see CtiEndpoint for why two routes.
    router.post("/cdr").handler(this::authorize);
    router
        .post("/cdr")
        .handler(BodyHandler.create(false).setBodyLimit(maxBytes))
        .handler(this::handle)
        .failureHandler(rc -> Problems.failure(rc, LOG));
  }

  private void authorize(RoutingContext rc) {
    if (!tokens.bearerAllowed(rc)) {
      rc.response().putHeader("WWW-Authenticate", "Bearer");
      Problems.send(rc, 401, "the CTI token or the ingest token is required as a Bearer token");
      return;
    }
    String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String base = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!CSV_TYPES.contains(base)) {
      Problems.send(rc, 415, "send the call log as text/csv");
      return;
    }
    rc.next();
  }

  private void handle(RoutingContext rc) {
    String format = rc.queryParams().get("format");
    format = format == null ? "asterisk" : format.toLowerCase(Locale.ROOT);
    if (!format.equals("asterisk") && !format.equals("generic")) {
      Problems.send(rc, 400, "format must be asterisk or generic");
      return;
    }
    ZoneId zone;
    try {
      String tz = rc.queryParams().get("timezone");
      zone = tz == null ? defaultZone : ZoneId.of(tz);
    } catch (DateTimeException e) {
      Problems.send(rc, 400, "timezone is not a time zone id like Europe/Berlin or UTC");
      return;
    }
    String csv = rc.body().asString("UTF-8");
    if (csv == null || csv.isBlank()) {
      Problems.send(rc, 400, "the body is empty; expected a call log in CSV");
      return;
    }
    boolean isAsterisk = format.equals("asterisk");
    // Parsing a large log is CPU work for a worker, not for the event loop.
    vertx
        .executeBlocking(
            () ->
                isAsterisk
                    ? asterisk.parse(new StringReader(csv), zone)
                    : generic.parse(new StringReader(csv), zone))
        .compose(importer::importBatch)
        .onSuccess(
            report ->
                rc.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(report.toJson().encode()))
        .onFailure(e -> fail(rc, e));
  }

  private static void fail(RoutingContext rc, Throwable e) {
    if (e instanceof java.io.UncheckedIOException || e instanceof IllegalArgumentException) {
      // Commons CSV reports a broken file (an unterminated quote, a duplicate header) this way.
      Problems.send(rc, 400, "the call log is not readable CSV: " + e.getMessage());
    } else {
      LOG.error("call log import failed", e);
      Problems.send(rc, 500, "unexpected error");
    }
  }
}
