package io.contacthub.connector.email.inbound;

import io.contacthub.connector.AttachmentRef;
import io.contacthub.connector.Channel;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.ThreadHints;
import io.contacthub.connector.email.EmailConfig;
import io.contacthub.connector.email.html.Cids;
import io.contacthub.connector.email.html.HtmlSanitizer;
import io.contacthub.connector.email.mime.Bounce;
import io.contacthub.connector.email.mime.Forwarded;
import io.contacthub.connector.email.mime.MailAddress;
import io.contacthub.connector.email.mime.ParsedMail;
import io.contacthub.connector.email.mime.QuoteCollapser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a parsed mail and its stored attachments into the hub's {@link InboundInteraction}. */
final class InteractionMapper {

  /** Prefix of email thread keys: the hub threads on {@code "email:" + Message-ID}. */
  static final String KEY_PREFIX = "email:";

  private static final String ATTACHMENT_URL = "/api/v1/attachments/";

  private final EmailConfig config;

  InteractionMapper(EmailConfig config) {
    this.config = config;
  }

  InboundInteraction map(ParsedMail mail, List<StoredAttachment> stored, String source) {
    JsonObject extras = new JsonObject().put("source", source);
    String externalId = mail.messageId() != null ? mail.messageId() : "sha256:" + mail.sha256();

    boolean loop = isLoop(mail);
    if (loop) {
      extras.put("loop", true);
    }
    Bounce bounce = mail.bounce();
    if (bounce != null) {
      extras.put("bounce", bounce(bounce));
    }
    if (mail.autoReply() != null) {
      extras.put("autoReply", mail.autoReply());
    }

    String html = null;
    if (mail.html() != null) {
      HtmlSanitizer.Result safe = HtmlSanitizer.sanitize(mail.html(), inlineUrls(stored)::get);
      html = safe.html();
      if (safe.blockedImages() > 0) {
        extras.put("remoteImagesBlocked", safe.blockedImages());
      }
    }
    QuoteCollapser.Result visible = QuoteCollapser.collapse(mail.text(), mail.subject());
    extras
        .put("visibleText", visible.visibleText())
        .put(
            "collapsed",
            new JsonObject()
                .put("quote", visible.quoteCollapsed())
                .put("signature", visible.signatureCollapsed()));
    if (mail.textFromHtml()) {
      extras.put("textFromHtml", true);
    }
    putAddresses(extras, "to", mail.to());
    putAddresses(extras, "cc", mail.cc());
    putForwarded(extras, mail.forwarded());
    putRejected(extras, stored);
    if (!mail.warnings().isEmpty()) {
      extras.put("warnings", new JsonArray(List.copyOf(mail.warnings())));
    }

    List<AttachmentRef> refs = new ArrayList<>();
    for (StoredAttachment s : stored) {
      if (s.ref() != null) {
        refs.add(s.ref());
      }
    }
    return InboundInteraction.message(Channel.EMAIL, externalId)
        .occurredAt(mail.date() != null ? mail.date() : Instant.now())
        .identities(identities(mail))
        .thread(thread(mail))
        .subject(mail.subject())
        .text(mail.text())
        .html(html)
        .attachments(refs)
        .automated(mail.autoReply() != null || bounce != null || loop)
        .extras(extras)
        .build();
  }

  /** Sender first, then a different Reply-To; a bounce names the failed customer address. */
  private List<Identity> identities(ParsedMail mail) {
    List<Identity> ids = new ArrayList<>();
    if (mail.bounce() != null) {
      addIdentity(ids, new MailAddress(mail.bounce().recipient(), null));
      return ids;
    }
    addIdentity(ids, mail.from());
    addIdentity(ids, mail.replyTo());
    return ids;
  }

  private void addIdentity(List<Identity> ids, MailAddress a) {
    if (a == null || config.isOwnAddress(a.address())) {
      return;
    }
    for (Identity existing : ids) {
      if (existing.value().equalsIgnoreCase(a.address())) {
        return;
      }
    }
    // A From header is trivially forged: never verified without checked authentication.
    ids.add(new Identity(IdentityType.EMAIL, a.address(), false, a.displayName()));
  }

  private static ThreadHints thread(ParsedMail mail) {
    List<String> keys = mail.messageId() == null ? List.of() : List.of(key(mail.messageId()));
    List<String> refs = new ArrayList<>();
    for (String id : mail.references()) {
      if (!id.equals(mail.messageId())) {
        refs.add(key(id));
      }
    }
    if (mail.bounce() != null && mail.bounce().originalMessageId() != null) {
      String original = key(mail.bounce().originalMessageId());
      if (!refs.contains(original)) {
        refs.add(original);
      }
    }
    return new ThreadHints(keys, refs, null);
  }

  static String key(String messageId) {
    return KEY_PREFIX + messageId;
  }

  /** Mail from the hub itself, or carrying its X-Loop mark, must never be answered again. */
  private boolean isLoop(ParsedMail mail) {
    if (mail.from() != null && config.isOwnAddress(mail.from().address())) {
      return true;
    }
    return mail.loopMarkers().stream().anyMatch(config::isOwnAddress);
  }

  private static Map<String, String> inlineUrls(List<StoredAttachment> stored) {
    Map<String, String> urls = new HashMap<>();
    for (StoredAttachment s : stored) {
      if (s.ref() != null && s.ref().id() != null && s.part().contentId() != null) {
        urls.put(Cids.normalize(s.part().contentId()), ATTACHMENT_URL + s.ref().id());
      }
    }
    return urls;
  }

  private static JsonObject bounce(Bounce b) {
    JsonObject json = new JsonObject().put("recipient", b.recipient());
    putIfNotNull(json, "status", b.status());
    putIfNotNull(json, "action", b.action());
    putIfNotNull(json, "diagnostic", b.diagnostic());
    putIfNotNull(json, "originalMessageId", b.originalMessageId());
    return json;
  }

  private static void putAddresses(JsonObject extras, String key, List<MailAddress> addresses) {
    if (addresses.isEmpty()) {
      return;
    }
    JsonArray list = new JsonArray();
    for (MailAddress a : addresses) {
      JsonObject json = new JsonObject().put("address", a.address());
      putIfNotNull(json, "displayName", a.displayName());
      list.add(json);
    }
    extras.put(key, list);
  }

  private static void putForwarded(JsonObject extras, List<Forwarded> forwarded) {
    if (forwarded.isEmpty()) {
      return;
    }
    JsonArray list = new JsonArray();
    for (Forwarded f : forwarded) {
      JsonObject json = new JsonObject();
      putIfNotNull(json, "subject", f.subject());
      putIfNotNull(json, "from", f.from());
      putIfNotNull(json, "messageId", f.messageId());
      list.add(json);
    }
    extras.put("forwarded", list);
  }

  private static void putRejected(JsonObject extras, List<StoredAttachment> stored) {
    JsonArray list = new JsonArray();
    for (StoredAttachment s : stored) {
      if (s.rejected() != null) {
        JsonObject json =
            new JsonObject()
                .put("contentType", s.part().contentType())
                .put("size", s.part().content().length)
                .put("rejected", s.rejected());
        putIfNotNull(json, "filename", s.part().filename());
        putIfNotNull(json, "limitBytes", s.limitBytes());
        list.add(json);
      }
    }
    if (!list.isEmpty()) {
      extras.put("rejectedAttachments", list);
    }
  }

  private static void putIfNotNull(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
