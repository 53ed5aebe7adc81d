package io.contacthub.hub.api;

import io.contacthub.hub.attachments.AttachmentStore;
import io.contacthub.hub.auth.Role;
import io.contacthub.hub.auth.RoleCheck;
import io.contacthub.hub.model.HubException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /api/v1/attachments/{id}}: attachment content for staff. Customer-supplied content is
 * hostile: only raster images are shown inline; everything else downloads, never sniffed, and
 * sandboxed should a browser render it anyway.
 */
final class AttachmentRoute {

  private static final RoleCheck STAFF = RoleCheck.anyOf(Role.AGENT);
  private static final Set<String> INLINE_TYPES =
      Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

  private final Vertx vertx;
  private final AttachmentStore attachments;

  private AttachmentRoute(Vertx vertx, AttachmentStore attachments) {
    this.vertx = vertx;
    this.attachments = attachments;
  }

  static void mount(Endpoints endpoints, Vertx vertx, AttachmentStore attachments) {
    AttachmentRoute route = new AttachmentRoute(vertx, attachments);
    endpoints.read(
        HttpMethod.GET, "/api/v1/attachments/{id}", "getAttachment", STAFF, route::download);
  }

  private void download(RoutingContext ctx) {
    String id = Params.path(ctx, "id");
    vertx
        .executeBlocking(() -> attachments.find(id), false)
        .onSuccess(
            found -> {
              if (found.isEmpty()) {
                ctx.fail(HubException.notFound("no attachment " + id));
                return;
              }
              AttachmentStore.Stored a = found.get();
              String type = a.contentType().toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
              boolean inline = INLINE_TYPES.contains(type);
              ctx.response()
                  .putHeader(HttpHeaders.CONTENT_TYPE, inline ? type : "application/octet-stream")
                  .putHeader(
                      "Content-Disposition",
                      (inline ? "inline" : "attachment")
                          + "; filename*=UTF-8''"
                          + URLEncoder.encode(a.filename(), StandardCharsets.UTF_8)
                              .replace("+", "%20"))
                  .putHeader("X-Content-Type-Options", "nosniff")
                  .putHeader("Content-Security-Policy", "sandbox; default-src 'none'")
                  .putHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
                  .sendFile(a.content().toString())
                  .onFailure(ctx::fail);
            })
        .onFailure(ctx::fail);
  }
}
