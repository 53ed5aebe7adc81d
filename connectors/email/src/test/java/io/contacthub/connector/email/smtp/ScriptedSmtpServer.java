package io.contacthub.connector.email.smtp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A minimal SMTP server for what GreenMail cannot do: it greets the first {@code failures}
 * connections with {@code failureReply} and closes them, then accepts mail; it can offer STARTTLS
 * (GreenMail's SMTP has no STARTTLS), and it records every command line it receives, so that a test
 * can check exactly what a client sent (an AUTH string, say).
 */
final class ScriptedSmtpServer {

  private final int failures;
  private final String failureReply;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger delivered = new AtomicInteger();
  private final AtomicInteger deliveredOverTls = new AtomicInteger();
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private SslContext startTls;
  private NetServer server;

  ScriptedSmtpServer(int failures, String failureReply) {
    this.failures = failures;
    this.failureReply = failureReply;
  }

  /** Offers STARTTLS with this server key store (PKCS12). */
  ScriptedSmtpServer withStartTls(Path keyStore, String password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      ks.load(in, password.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, password.toCharArray());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    startTls = new JdkSslContext(ssl, false, ClientAuth.NONE);
    return this;
  }

  /** Mails whose DATA came over TLS. */
  int deliveredOverTls() {
    return deliveredOverTls.get();
  }

  /** The command lines received (not the mail data), in order. */
  List<String> commands() {
    return List.copyOf(commands);
  }

  Future<Integer> start(Vertx vertx) {
    server = vertx.createNetServer().connectHandler(this::handle);
    return server.listen(0, "127.0.0.1").map(NetServer::actualPort);
  }

  Future<Void> close() {
    return server.close();
  }

  int connections() {
    return connections.get();
  }

  int delivered() {
    return delivered.get();
  }

  private void handle(NetSocket socket) {
    if (connections.incrementAndGet() <= failures) {
      socket.write(failureReply + "\r\n").onComplete(ar -> socket.close());
      return;
    }
    socket.write("220 scripted ESMTP\r\n");
    boolean[] inData = {false};
    boolean[] tls = {false};
    socket.handler(
        RecordParser.newDelimited(
            "\r\n",
            line -> {
              String l = line.toString();
              if (inData[0]) {
                if (l.equals(".")) {
                  inData[0] = false;
                  delivered.incrementAndGet();
                  if (tls[0]) {
                    deliveredOverTls.incrementAndGet();
                  }
                  socket.write("250 2.0.0 queued\r\n");
                }
                return;
              }
              commands.add(l);
              String verb = l.length() >= 4 ? l.substring(0, 4).toUpperCase() : l.toUpperCase();
              switch (verb) {
                case "EHLO" ->
                    socket.write(
                        "250-scripted\r\n"
                            + (startTls != null && !tls[0] ? "250-STARTTLS\r\n" : "")
                            + "250-AUTH PLAIN LOGIN XOAUTH2\r\n250 8BITMIME\r\n");
                case "STAR" -> {
                  // The TLS handler goes in before this read returns, so the client's handshake,
                  // which follows the reply, cannot reach the line parser (Vert.x's own
                  // upgradeToSsl loads its key store first, and lost that race under load). The
                  // reply was written before the handler went in, so it goes out in clear.
                  socket.write("220 2.0.0 ready to start TLS\r\n");
                  ChannelHandlerContext chctx =
                      ((NetSocketInternal) socket).channelHandlerContext();
                  chctx.pipeline().addFirst("tls", startTls.newHandler(chctx.alloc()));
                  tls[0] = true;
                }
                case "AUTH" -> socket.write("235 2.7.0 accepted\r\n");
                case "DATA" -> {
                  inData[0] = true;
                  socket.write("354 go ahead\r\n");
                }
                case "QUIT" -> socket.write("221 bye\r\n").onComplete(ar -> socket.close());
                default -> socket.write("250 OK\r\n");
              }
            }));
  }
}
