package io.contacthub.hub.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private Dovecot IMAP server (Debian's {@code dovecot-imapd}) for the mailbox benchmark: its own
 * configuration, state and maildir under the work directory, plain IMAP on a free loopback port,
 * one user. Dovecot answers a command in time that does not grow with the folder's size, unlike
 * GreenMail, so the bench can measure the connector rather than the test server.
 */
final class DovecotServer implements AutoCloseable {

  /** Dovecot refuses root as a mail user; the maildir belongs to nobody. */
  private static final int MAIL_UID = 65534;

  private final Process process;
  private final int port;

  private DovecotServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static DovecotServer start(Path dir, String user, String password)
      throws IOException, InterruptedException {
    WorkDir.delete(dir);
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.createDirectories(dir.resolve("run"));
    Files.createDirectories(dir.resolve("state"));
    chown(home);
    Files.writeString(dir.resolve("users"), user + ":{PLAIN}" + password + "\n");
    int port = freePort();
    Path conf = dir.resolve("dovecot.conf");
    Files.writeString(conf, config(dir, port));
    Process p =
        new ProcessBuilder("/usr/sbin/dovecot", "-F", "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("dovecot.out").toFile())
            .start();
    DovecotServer server = new DovecotServer(p, port);
    server.awaitListening();
    return server;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  private static String config(Path dir, int port) {
    return """
        base_dir = %1$s/run
        state_dir = %1$s/state
        instance_name = contact-hub-bench
        protocols = imap
        listen = 127.0.0.1
        ssl = no
        disable_plaintext_auth = no
        log_path = %1$s/dovecot.log
        first_valid_uid = %3$d
        mail_location = maildir:~/Maildir
        passdb {
          driver = passwd-file
          args = scheme=PLAIN username_format=%%u %1$s/users
        }
        userdb {
          driver = static
          args = uid=%3$d gid=%3$d home=%1$s/home/%%u
        }
        service imap-login {
          chroot =
          inet_listener imap {
            port = %2$d
          }
          inet_listener imaps {
            port = 0
          }
        }
        service anvil {
          chroot =
        }
        """
        .formatted(dir.toAbsolutePath(), port, MAIL_UID);
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IOException("dovecot did not start listening on " + port, e);
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
  }

  private static void chown(Path home) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("chown", MAIL_UID + ":" + MAIL_UID, home.toString()).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException("chown of " + home + " failed");
    }
  }

  /** SIGTERM: Dovecot's master stops its children and exits. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
