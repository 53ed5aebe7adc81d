package io.contacthub.connector.email.smtp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server for failure cases GreenMail cannot produce: it greets the first {@code
 * failures} connections with {@code failureReply} and closes them, then accepts mail.
 */
final class ScriptedSmtpServer {

  private final int failures;
  private final String failureReply;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger delivered = new AtomicInteger();
  private NetServer server;

  ScriptedSmtpServer(int failures, String failureReply) {
    this.failures = failures;
    this.failureReply = failureReply;
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
    socket.handler(
        RecordParser.newDelimited(
            "\r\n",
            line -> {
              String l = line.toString();
              if (inData[0]) {
                if (l.equals(".")) {
                  inData[0] = false;
                  delivered.incrementAndGet();
                  socket.write("250 2.0.0 queued\r\n");
                }
                return;
              }
              String verb = l.length() >= 4 ? l.substring(0, 4).toUpperCase() : l.toUpperCase();
              switch (verb) {
                case "EHLO" -> socket.write("250-scripted\r\n250 8BITMIME\r\n");
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
