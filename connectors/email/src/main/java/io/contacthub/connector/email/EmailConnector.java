package io.contacthub.connector.email;

import io.contacthub.connector.Channel;
import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.DeliveryException;
import io.contacthub.connector.DeliveryReceipt;
import io.contacthub.connector.OutboundMessage;
import io.contacthub.connector.email.imap.CheckpointStore;
import io.contacthub.connector.email.imap.ImapWatcher;
import io.contacthub.connector.email.imap.QuarantineLog;
import io.contacthub.connector.email.inbound.InboundPipeline;
import io.contacthub.connector.email.inbound.RawMimeEndpoint;
import io.contacthub.connector.email.smtp.SmtpSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The email channel: IMAP mailboxes and a raw-MIME endpoint in, SMTP out. It translates only; the
 * hub stores, dedupes and threads.
 */
public final class EmailConnector implements ChannelConnector {

  private final Function<String, String> env;
  private final List<ImapWatcher> watchers = new ArrayList<>();
  private Vertx vertx;
  private SmtpSender smtp;

  /**
   * @param env resolves {@code ${VAR}} secret references in the config
   */
  public EmailConnector(Function<String, String> env) {
    this.env = env;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.EMAIL);
  }

  @Override
  public Future<Void> start(ConnectorContext ctx) {
    EmailConfig config;
    try {
      config = EmailConfig.from(ctx.config(), env);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    vertx = ctx.vertx();
    InboundPipeline pipeline = new InboundPipeline(ctx, config);
    new RawMimeEndpoint(ctx, pipeline, config.maxMessageBytes()).mount(ctx.router(Channel.EMAIL));
    if (config.smtp() != null) {
      smtp = new SmtpSender(vertx, config);
    }
    CheckpointStore checkpoints = new CheckpointStore(ctx.dataDir().resolve("imap"));
    QuarantineLog quarantine = new QuarantineLog(ctx.dataDir().resolve("imap"));
    for (MailboxConfig box : config.mailboxes()) {
      ImapWatcher watcher = new ImapWatcher(box, pipeline, checkpoints, quarantine);
      watchers.add(watcher);
      watcher.start();
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    if (vertx == null) {
      return Future.succeededFuture();
    }
    List<ImapWatcher> toStop = List.copyOf(watchers);
    watchers.clear();
    Future<Void> imap =
        vertx.executeBlocking(
            () -> {
              for (ImapWatcher w : toStop) {
                w.stop();
              }
              return null;
            });
    SmtpSender sender = smtp;
    smtp = null;
    return sender == null ? imap : imap.compose(v -> sender.close());
  }

  @Override
  public Future<DeliveryReceipt> send(OutboundMessage message) {
    SmtpSender sender = smtp;
    if (sender == null) {
      return Future.failedFuture(
          new DeliveryException(
              "email.smtp is not configured; replies cannot be sent", false, null));
    }
    return sender.send(message);
  }
}
