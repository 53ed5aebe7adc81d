package io.contacthub.connector.webchat.session;

import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.webchat.SiteConfig;
import io.contacthub.connector.webchat.token.IdentifierCheck;
import io.contacthub.connector.webchat.token.VisitorTokens;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The widget's first frame, checked: who the visitor is (a visitor token, a continue link, or
 * nobody yet), whether the site vouches for a logged-in user, and what they told us about
 * themselves (unverified).
 *
 * @param conversationId the conversation a continue link opens; null otherwise
 * @param identities every identity of the visitor: the visitor id (hub-signed, so verified), the
 *     site's user (verified by its hash), an email the visitor confirmed with a code (verified) and
 *     a typed-in email (unverified)
 * @param confirmedEmail the address the visitor confirmed with an emailed code, or null
 */
record Hello(
    String visitorId,
    String conversationId,
    boolean fresh,
    boolean identified,
    List<Identity> identities,
    long lastSeq,
    String confirmedEmail) {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]{1,190}");
  private static final int MAX_NAME = 100;

  /** Why a hello was refused; the code goes to the widget. */
  static final class Refused extends Exception {
    final String code;

    Refused(String code, String message) {
      super(message);
      this.code = code;
    }
  }

  static Hello check(JsonObject frame, SiteConfig site, VisitorTokens tokens) throws Refused {
    String visitorId;
    String conversationId = null;
    String confirmedEmail = null;
    boolean fresh = false;
    String continueToken = text(frame, "continueToken");
    String visitorToken = text(frame, "visitorToken");
    if (continueToken != null) {
      VisitorTokens.Continuation c =
          tokens
              .continuation(site.id(), continueToken)
              .orElseThrow(
                  () -> new Refused("link_invalid", "the chat link is invalid or expired"));
      visitorId = c.visitorId();
      conversationId = c.conversationId();
    } else if (visitorToken != null) {
      visitorId =
          tokens
              .visitor(site.id(), visitorToken)
              .orElseThrow(
                  () -> new Refused("token_invalid", "the visitor token is invalid or expired"));
      confirmedEmail = tokens.confirmedEmail(site.id(), visitorToken).orElse(null);
    } else {
      visitorId = VisitorTokens.newVisitorId();
      fresh = true;
    }
    String name = text(frame, "name");
    if (name != null && name.length() > MAX_NAME) {
      name = name.substring(0, MAX_NAME);
    }
    List<Identity> ids = new ArrayList<>();
    ids.add(new Identity(IdentityType.VISITOR, visitorId, true, name));
    boolean identified = false;
    String identifier = text(frame, "identifier");
    if (identifier != null) {
      if (!IdentifierCheck.verify(site.secret(), identifier, text(frame, "identifierHash"))) {
        throw new Refused("identifier_invalid", "identifier_hash does not match the identifier");
      }
      ids.add(siteUser(site, identifier, name));
      identified = true;
    }
    if (confirmedEmail != null) {
      ids.add(new Identity(IdentityType.EMAIL, confirmedEmail, true, name));
    }
    String email = validEmail(text(frame, "email"));
    if (email != null && !email.equalsIgnoreCase(confirmedEmail)) {
      ids.add(new Identity(IdentityType.EMAIL, email, false, name));
    }
    long lastSeq = Math.max(0, frame.getValue("lastSeq") instanceof Number n ? n.longValue() : 0);
    return new Hello(
        visitorId, conversationId, fresh, identified, List.copyOf(ids), lastSeq, confirmedEmail);
  }

  /** The same visitor, now with {@code email} confirmed: it replaces the typed-in one. */
  Hello withConfirmedEmail(String email) {
    List<Identity> ids = new ArrayList<>();
    String name = identities.get(0).displayName();
    for (Identity i : identities) {
      if (i.type() != IdentityType.EMAIL || i.verified() && !i.value().equalsIgnoreCase(email)) {
        ids.add(i);
      }
    }
    ids.add(new Identity(IdentityType.EMAIL, email, true, name));
    return new Hello(
        visitorId, conversationId, fresh, identified, List.copyOf(ids), lastSeq, email);
  }

  /** The same visitor without the typed-in (unverified) email. */
  Hello withoutTypedEmail() {
    List<Identity> ids =
        identities.stream().filter(i -> i.type() != IdentityType.EMAIL || i.verified()).toList();
    return new Hello(visitorId, conversationId, fresh, identified, ids, lastSeq, confirmedEmail);
  }

  /** The address when it looks like one, else null. */
  static String validEmail(String email) {
    return email != null && EMAIL.matcher(email).matches() ? email : null;
  }

  /** A site's user: an email address the site vouches for, or the site's own user id. */
  private static Identity siteUser(SiteConfig site, String identifier, String name) {
    return EMAIL.matcher(identifier).matches()
        ? new Identity(IdentityType.EMAIL, identifier.toLowerCase(Locale.ROOT), true, name)
        : new Identity(IdentityType.EXTERNAL, site.id() + ":" + identifier, true, name);
  }

  static String text(JsonObject frame, String key) {
    Object v = frame.getValue(key);
    if (!(v instanceof String s) || s.isBlank()) {
      return null;
    }
    return s.strip();
  }
}
