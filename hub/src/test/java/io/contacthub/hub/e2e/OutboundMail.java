package io.contacthub.hub.e2e;

import io.vertx.core.json.JsonObject;

/** The hub's config overlay that sends its outbound email through a test's SMTP server. */
public final class OutboundMail {

  private OutboundMail() {}

  /** Plain SMTP on 127.0.0.1:{@code port}; {@code fromName} may be null. */
  public static JsonObject smtp(int port, String from, String fromName) {
    JsonObject smtp =
        new JsonObject()
            .put("host", "127.0.0.1")
            .put("port", port)
            .put("tls", "none")
            .put("from", from);
    if (fromName != null) {
      smtp.put("fromName", fromName);
    }
    return new JsonObject().put("email", new JsonObject().put("smtp", smtp));
  }
}
