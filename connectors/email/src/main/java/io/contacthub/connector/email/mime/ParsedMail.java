package io.contacthub.connector.email.mime;

import java.time.Instant;
import java.util.List;

/**
 * Everything the connector uses from one mail, decoded. The parser never throws: what it could not
 * read is named in {@code warnings}.
 *
 * @param messageId without angle brackets, or null when the mail has none
 * @param sha256 hex digest of the raw bytes, the stable id of a mail without Message-ID
 * @param references In-Reply-To and References ids, oldest first, without angle brackets
 * @param replyTo the Reply-To header's first address, or null (no fallback to From)
 * @param date the Date header, or null when missing or unreadable
 * @param text the plain body, or text derived from the HTML body when there is no plain part
 * @param html the raw (unsanitized) HTML body, or null
 * @param autoReply why the mail counts as an auto-reply, or null
 * @param bounce the delivery failure a DSN reports, or null
 * @param loopMarkers values of X-Loop headers
 */
public record ParsedMail(
    String messageId,
    String sha256,
    List<String> references,
    MailAddress from,
    MailAddress replyTo,
    List<MailAddress> to,
    List<MailAddress> cc,
    String subject,
    Instant date,
    String text,
    boolean textFromHtml,
    String html,
    List<MimeAttachment> attachments,
    String autoReply,
    Bounce bounce,
    List<Forwarded> forwarded,
    List<String> loopMarkers,
    List<String> warnings) {}
