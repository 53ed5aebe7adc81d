package io.contacthub.connector.email;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The email connector's config for tests that watch one mailbox on a local IMAP server. */
public final class TestMailboxes {

  private TestMailboxes() {}

  /**
   * The section for {@code ownAddress}, watching one mailbox: {@code mailbox}'s own keys, on
   * 127.0.0.1:{@code port} with {@code tls}, logged in as {@code ownAddress} with {@code password}.
   */
  public static JsonObject config(
      String ownAddress, int port, String tls, String password, JsonObject mailbox) {
    return new JsonObject()
        .put("ownAddresses", new JsonArray().add(ownAddress))
        .put(
            "mailboxes",
            new JsonArray()
                .add(
                    mailbox
                        .put("host", "127.0.0.1")
                        .put("port", port)
                        .put("tls", tls)
                        .put("username", ownAddress)
                        .put("password", password)));
  }
}
