package io.contacthub.hub.bench;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * The IMAP side of the mailbox benchmark alone: a plain Angus Mail client that reads a mailbox with
 * the IMAP commands the hub's watcher sends (the UIDs of the whole folder, then per 50 mails one
 * FETCH of the bodies and one STORE of a flag), and nothing else — no parsing, no hub. What it
 * costs is what the server (and the client library) cost.
 */
final class PlainImapReader {

  private static final int BATCH = 50;

  /** Mails read per second, and the slowest batch in milliseconds. */
  record Result(int mails, double seconds, double slowestBatchMs) {
    double perSecond() {
      return mails / seconds;
    }
  }

  private PlainImapReader() {}

  static Result read(int port, String user, String password) throws Exception {
    Properties props = new Properties();
    props.setProperty("mail.imap.peek", "true");
    props.setProperty("mail.imap.partialfetch", "false");
    IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imap");
    store.connect("127.0.0.1", port, user, password);
    try {
      IMAPFolder folder = (IMAPFolder) store.getFolder("INBOX");
      folder.open(Folder.READ_WRITE);
      long start = System.nanoTime();
      Message[] all = folder.getMessagesByUID(1, UIDFolder.LASTUID);
      FetchProfile uids = new FetchProfile();
      uids.add(UIDFolder.FetchProfileItem.UID);
      folder.fetch(all, uids);
      FetchProfile bodies = new FetchProfile();
      bodies.add(IMAPFolder.FetchProfileItem.MESSAGE);
      long bytes = 0;
      double slowest = 0;
      for (int from = 0; from < all.length; from += BATCH) {
        long t = System.nanoTime();
        Message[] batch = Arrays.copyOfRange(all, from, Math.min(all.length, from + BATCH));
        folder.fetch(batch, bodies);
        for (Message m : batch) {
          CountingSink sink = new CountingSink();
          m.writeTo(sink);
          bytes += sink.count;
        }
        folder.setFlags(batch, new Flags(Flags.Flag.FLAGGED), true);
        slowest = Math.max(slowest, (System.nanoTime() - t) / 1e6);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      folder.close(false);
      if (bytes == 0) {
        throw new IllegalStateException("read no mail at all");
      }
      return new Result(all.length, seconds, slowest);
    } finally {
      store.close();
    }
  }

  private static final class CountingSink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
