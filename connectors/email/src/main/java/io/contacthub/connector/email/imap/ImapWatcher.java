package io.contacthub.connector.email.imap;

import io.contacthub.connector.IngestRejectedException;
import io.contacthub.connector.email.MailboxConfig;
import io.contacthub.connector.email.inbound.InboundPipeline;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one IMAP folder: reads every mail past the checkpoint, hands it to the hub, marks it
 * processed, then advances the checkpoint; then waits in IDLE (or polls) for more. A mail is
 * acknowledged only after the hub made it durable, so a crash can at worst repeat one, which the
 * hub's dedupe drops.
 *
 * <p>Runs on its own platform threads: Angus Mail blocks inside synchronized code, which would pin
 * a virtual thread's carrier for a whole IDLE on Java 21.
 */
public final class ImapWatcher {

  private static final Logger LOG = LoggerFactory.getLogger(ImapWatcher.class);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  private static final Duration INGEST_TIMEOUT = Duration.ofMinutes(5);

  /** Mails per batch: bodies fetched, flagged and checkpointed together. */
  private static final int BATCH = 50;

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final MailboxConfig config;
  private final InboundPipeline pipeline;
  private final CheckpointStore checkpoints;
  private final QuarantineLog quarantine;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running;
  private volatile IMAPStore store;
  private volatile IMAPFolder folder;
  private Thread loop;
  private Thread waker;

  public ImapWatcher(
      MailboxConfig config,
      InboundPipeline pipeline,
      CheckpointStore checkpoints,
      QuarantineLog quarantine) {
    this.config = config;
    this.pipeline = pipeline;
    this.checkpoints = checkpoints;
    this.quarantine = quarantine;
  }

  public void start() {
    running = true;
    loop = Thread.ofPlatform().daemon().name("imap-" + config.key()).start(this::run);
    waker = Thread.ofPlatform().daemon().name("imap-wake-" + config.key()).start(this::wakeLoop);
  }

  /** Blocking: closing the connection ends an IDLE; waits for the loop to finish its mail. */
  public void stop() throws InterruptedException {
    running = false;
    stopped.countDown();
    close();
    if (loop != null) {
      loop.join(STOP_TIMEOUT);
      waker.join(STOP_TIMEOUT);
    }
  }

  private void run() {
    Duration backoff = FIRST_BACKOFF;
    while (running) {
      try {
        connect();
        boolean idle = config.idle() && store.hasCapability("IDLE");
        LOG.info("watching {} ({})", config.key(), idle ? "IDLE" : "polling");
        while (running) {
          sync();
          backoff = FIRST_BACKOFF;
          if (idle) {
            folder.idle(true);
          } else {
            stopped.await(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (!running) {
          break;
        }
        LOG.warn("mailbox {} failed; retrying in {}", config.key(), backoff, e);
        close();
        try {
          if (stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
            break;
          }
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
    close();
  }

  private void connect() throws MessagingException {
    IMAPStore s = (IMAPStore) ImapSessions.session(config).getStore(ImapSessions.protocol(config));
    s.connect(config.host(), config.port(), config.username(), config.password());
    store = s;
    IMAPFolder f = (IMAPFolder) s.getFolder(config.folder());
    f.open(Folder.READ_WRITE);
    folder = f;
    for (String name : new String[] {config.moveTo(), config.quarantine()}) {
      if (name != null) {
        Folder target = s.getFolder(name);
        if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES)) {
          throw new MessagingException("cannot create folder " + name);
        }
      }
    }
  }

  private void sync() throws MessagingException, IOException, InterruptedException {
    IMAPFolder f = folder;
    long uidValidity = f.getUIDValidity();
    Checkpoint checkpoint = checkpoints.load(config.key());
    if (checkpoint != Checkpoint.NONE && checkpoint.uidValidity() != uidValidity) {
      LOG.warn("UIDVALIDITY of {} changed; reading it again, repeats are dropped", config.key());
    }
    long last = checkpoint.lastUidFor(uidValidity);
    int count;
    do {
      // Mail that arrives during a fetch is announced (EXISTS) after the fetch's answer, so
      // it is not in this batch: fetch again until the count holds still.
      count = f.getMessageCount();
      last = ingestAfter(f, uidValidity, last);
    } while (running && f.getMessageCount() != count);
  }

  /**
   * Ingests every mail with a UID above {@code last}, {@link #BATCH} at a time; returns the new
   * last UID. Each batch costs three IMAP round trips whatever its size (bodies, flags, and the
   * UIDs before it) and one checkpoint write; the mails themselves go to the hub one after another,
   * in mailbox order, so a reply never overtakes the mail it answers. A crash inside a batch
   * ingests its mails again at the next start, which the hub drops as repeats (the Message-ID is
   * the key).
   */
  private long ingestAfter(IMAPFolder f, long uidValidity, long last)
      throws MessagingException, IOException, InterruptedException {
    Message[] messages = f.getMessagesByUID(last + 1, UIDFolder.LASTUID);
    FetchProfile uids = new FetchProfile();
    uids.add(UIDFolder.FetchProfileItem.UID);
    f.fetch(messages, uids);
    List<Message> pending = new ArrayList<>();
    for (Message m : messages) {
      // "n:*" always matches the newest mail, even when its UID is below n.
      if (!m.isExpunged() && f.getUID(m) > last) {
        pending.add(m);
      }
    }
    for (int from = 0; from < pending.size() && running; from += BATCH) {
      List<Message> batch = pending.subList(from, Math.min(pending.size(), from + BATCH));
      last = ingestBatch(f, uidValidity, batch.toArray(Message[]::new), last);
    }
    return last;
  }

  private long ingestBatch(IMAPFolder f, long uidValidity, Message[] batch, long last)
      throws MessagingException, IOException, InterruptedException {
    FetchProfile bodies = new FetchProfile();
    bodies.add(IMAPFolder.FetchProfileItem.MESSAGE);
    f.fetch(batch, bodies);
    List<Message> processed = new ArrayList<>(batch.length);
    for (Message m : batch) {
      if (!running) {
        break;
      }
      long uid = f.getUID(m);
      try {
        await(pipeline.ingest(read(m), "imap:" + config.key()));
        processed.add(m);
      } catch (IngestRejectedException refused) {
        quarantine(f, m, uid, refused);
      }
      last = uid;
    }
    if (!processed.isEmpty()) {
      markProcessed(f, processed.toArray(Message[]::new));
    }
    checkpoints.save(config.key(), new Checkpoint(uidValidity, last));
    return last;
  }

  private static byte[] read(Message m) throws MessagingException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(m.getSize(), 1024));
    m.writeTo(out);
    return out.toByteArray();
  }

  private void markProcessed(IMAPFolder f, Message[] messages) throws MessagingException {
    if (config.moveTo() == null) {
      f.setFlags(messages, new Flags(Flags.Flag.SEEN), true);
    } else {
      move(f, messages, config.moveTo());
    }
  }

  /**
   * A mail the hub refuses for good would be refused again on every retry and hold up every mail
   * behind it: it is recorded, flagged or moved aside, and the mailbox moves on.
   */
  private void quarantine(IMAPFolder f, Message m, long uid, IngestRejectedException refused)
      throws MessagingException, IOException {
    String[] ids = m.getHeader("Message-ID");
    String messageId = ids == null || ids.length == 0 ? null : ids[0];
    quarantine.record(config.key(), uid, messageId, refused.status(), refused.getMessage());
    LOG.warn(
        "the hub refused mail UID {} ({}) of {} for good ({} {}); quarantined, {} so far",
        uid,
        messageId,
        config.key(),
        refused.status(),
        refused.getMessage(),
        quarantine.count());
    if (config.quarantine() == null) {
      m.setFlags(new Flags(MailboxConfig.REJECTED_KEYWORD), true);
      m.setFlag(Flags.Flag.FLAGGED, true);
    } else {
      move(f, new Message[] {m}, config.quarantine());
    }
  }

  private void move(IMAPFolder f, Message[] messages, String folderName) throws MessagingException {
    Folder target = store.getFolder(folderName);
    if (store.hasCapability("MOVE")) {
      f.moveMessages(messages, target);
    } else {
      f.copyMessages(messages, target);
      f.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
      if (store.hasCapability("UIDPLUS")) {
        f.expunge(messages);
      }
    }
  }

  /** Ends each IDLE after one poll interval, as servers drop idle connections after a while. */
  private void wakeLoop() {
    try {
      while (!stopped.await(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
        IMAPFolder f = folder;
        if (f != null && f.isOpen()) {
          try {
            f.doCommand(
                p -> {
                  p.simpleCommand("NOOP", null);
                  return null;
                });
          } catch (MessagingException | RuntimeException e) {
            LOG.debug("keep-alive of {} failed; the watcher reconnects", config.key(), e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for the hub; a final refusal comes out as the {@link IngestRejectedException}. */
  private static <T> void await(io.vertx.core.Future<T> future)
      throws IOException, InterruptedException {
    try {
      future
          .toCompletionStage()
          .toCompletableFuture()
          .get(INGEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IngestRejectedException r && !r.retryable()) {
        throw r;
      }
      throw new IOException(
          "the hub did not take the mail: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("the hub did not answer within " + INGEST_TIMEOUT, e);
    }
  }

  private void close() {
    IMAPFolder f = folder;
    IMAPStore s = store;
    folder = null;
    store = null;
    try {
      if (f != null && f.isOpen()) {
        f.close(false);
      }
    } catch (MessagingException | RuntimeException e) {
      LOG.debug("closing {} failed", config.key(), e);
    }
    try {
      if (s != null) {
        s.close();
      }
    } catch (MessagingException | RuntimeException e) {
      LOG.debug("closing the store of {} failed", config.key(), e);
    }
  }
}
