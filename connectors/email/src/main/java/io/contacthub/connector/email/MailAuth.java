package io.contacthub.connector.email;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * How a mail client logs in. {@code xoauth2} (SASL XOAUTH2, which Gmail and Microsoft 365 require)
 * sends the configured {@code password} as an OAuth2 access token with the username; the token
 * comes from the environment like any secret and is read once, at start.
 */
public enum MailAuth {
  /** LOGIN or PLAIN with the password, as the server offers. */
  PASSWORD,
  /** SASL XOAUTH2 with the password as the bearer token. */
  XOAUTH2;

  static MailAuth parse(JsonObject json, String path) {
    String value = json.getString("auth", "password");
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          path + ".auth must be password or xoauth2, not " + value, e);
    }
  }
}
