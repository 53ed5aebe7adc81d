package io.contacthub.hub.bench;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * The IMAP server the mailbox benchmark's hub watches: GreenMail in the bench's JVM (the test
 * suite's server), or a private Dovecot ({@code dovecot}), which answers a command in time that
 * does not grow with the folder.
 */
abstract class MailServer implements AutoCloseable {

  static final String USER = MailboxGenerator.MAILBOX;
  static final String PASSWORD = "bench-mailbox-password";

  private static final int APPEND_BATCH = 100;

  static MailServer start(String kind, Path work) throws Exception {
    return switch (kind) {
      case "greenmail" -> new InProcessGreenMail();
      case "dovecot" -> new Dovecot(DovecotServer.start(work.resolve("dovecot"), USER, PASSWORD));
      default ->
          throw new IllegalArgumentException("imap-server must be greenmail or dovecot: " + kind);
    };
  }

  abstract int port();

  /** True when the server runs in the bench's JVM, so its CPU counts as the bench's. */
  abstract boolean inProcess();

  /** Puts every mail into the watched INBOX, in order. */
  abstract void deliver(List<byte[]> mails) throws Exception;

  @Override
  public abstract void close() throws Exception;

  private static final class InProcessGreenMail extends MailServer {
    private final GreenMail greenMail;
    private final GreenMailUser user;

    InProcessGreenMail() throws Exception {
      greenMail =
          new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
      greenMail.start();
      user = greenMail.setUser(USER, USER, PASSWORD);
    }

    @Override
    int port() {
      return greenMail.getImap().getPort();
    }

    @Override
    boolean inProcess() {
      return true;
    }

    @Override
    void deliver(List<byte[]> mails) throws Exception {
      Session session = Session.getInstance(new Properties());
      for (byte[] raw : mails) {
        user.deliver(new MimeMessage(session, new ByteArrayInputStream(raw)));
      }
    }

    @Override
    public void close() {
      greenMail.stop();
    }
  }

  /** Mails arrive by IMAP APPEND, as a delivery agent's would appear to the watcher. */
  private static final class Dovecot extends MailServer {
    private final DovecotServer server;

    Dovecot(DovecotServer server) {
      this.server = server;
    }

    @Override
    int port() {
      return server.port();
    }

    @Override
    boolean inProcess() {
      return false;
    }

    @Override
    void deliver(List<byte[]> mails) throws Exception {
      Session session = Session.getInstance(new Properties());
      IMAPStore store = (IMAPStore) session.getStore("imap");
      store.connect("127.0.0.1", port(), USER, PASSWORD);
      try {
        Folder inbox = store.getFolder("INBOX");
        for (int from = 0; from < mails.size(); from += APPEND_BATCH) {
          List<byte[]> chunk = mails.subList(from, Math.min(mails.size(), from + APPEND_BATCH));
          Message[] messages = new Message[chunk.size()];
          for (int i = 0; i < messages.length; i++) {
            messages[i] = new MimeMessage(session, new ByteArrayInputStream(chunk.get(i)));
          }
          inbox.appendMessages(messages);
        }
      } finally {
        store.close();
      }
    }

    @Override
    public void close() throws InterruptedException {
      server.close();
    }
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
