package io.contacthub.connector.email.inbound;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.AttachmentTooLargeException;
import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.email.EmailConfig;
import io.contacthub.connector.email.mime.MimeAttachment;
import io.contacthub.connector.email.mime.MimeParser;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way a raw mail enters the hub, shared by IMAP and the HTTP endpoint: parse on a worker,
 * store attachments, sanitize and map on a worker, then ingest. The returned future completes only
 * once the hub made the interaction durable, so callers acknowledge the mail only then.
 */
public final class InboundPipeline {

  private final ConnectorContext ctx;
  private final MimeParser parser = new MimeParser();
  private final InteractionMapper mapper;

  public InboundPipeline(ConnectorContext ctx, EmailConfig config) {
    this.ctx = ctx;
    this.mapper = new InteractionMapper(config);
  }

  /**
   * @param source where the mail came from, kept in extras ({@code http} or {@code imap:<box>})
   */
  public Future<Accepted> ingest(byte[] raw, String source) {
    return ctx.vertx()
        .executeBlocking(() -> parser.parse(raw), false)
        .compose(
            mail ->
                store(mail.attachments())
                    .compose(
                        stored ->
                            ctx.vertx()
                                .executeBlocking(() -> mapper.map(mail, stored, source), false)))
        .compose(ctx::ingest);
  }

  /** Stores one attachment at a time, so a large mail does not hold every copy at once. */
  private Future<List<StoredAttachment>> store(List<MimeAttachment> parts) {
    Future<List<StoredAttachment>> done = Future.succeededFuture(new ArrayList<>());
    for (MimeAttachment part : parts) {
      done = done.compose(list -> storeOne(part).map(s -> add(list, s)));
    }
    return done;
  }

  private Future<StoredAttachment> storeOne(MimeAttachment part) {
    Future<StoredAttachment> stored;
    try {
      stored =
          ctx.storeAttachment(
                  part.filename() == null ? "attachment" : part.filename(),
                  part.contentType(),
                  Buffer.buffer(part.content()),
                  part.inline())
              .map(ref -> StoredAttachment.stored(part, ref));
    } catch (AttachmentTooLargeException e) {
      stored = Future.failedFuture(e);
    }
    // Too large is final: keep the mail, note the attachment. Anything else is worth a retry.
    return stored.recover(
        err ->
            err instanceof AttachmentTooLargeException tooLarge
                ? Future.succeededFuture(StoredAttachment.tooLarge(part, tooLarge.limitBytes()))
                : Future.failedFuture(err));
  }

  private static List<StoredAttachment> add(List<StoredAttachment> list, StoredAttachment s) {
    list.add(s);
    return list;
  }
}
