package io.contacthub.connector.phone.ami;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Asterisk's manager port speaking the real wire format: the banner line on
 * connect, CRLF {@code Key: Value} packets ended by an empty line, Login answered with Success or
 * Error (then {@code FullyBooted}), Ping with Pong, Logoff with Goodbye. It parses what the client
 * sends on its own, strictly (CRLF only), so the client's writing is checked too.
 */
public final class FakeAmiServer {

  private final String username;
  private final String secret;
  private final NetServer server;
  private final Set<NetSocket> loggedIn = ConcurrentHashMap.newKeySet();
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
  private final List<Map<String, String>> actions = new CopyOnWriteArrayList<>();
  private final AtomicInteger logins = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  private FakeAmiServer(Vertx vertx, String username, String secret) {
    this.username = username;
    this.secret = secret;
    this.server = vertx.createNetServer().connectHandler(this::session);
  }

  public static Future<FakeAmiServer> start(Vertx vertx, int port, String username, String secret) {
    FakeAmiServer s = new FakeAmiServer(vertx, username, secret);
    return s.server.listen(port, "127.0.0.1").map(x -> s);
  }

  public int port() {
    return server.actualPort();
  }

  public int logins() {
    return logins.get();
  }

  int refusedLogins() {
    return refused.get();
  }

  boolean hasSession() {
    return !loggedIn.isEmpty();
  }

  List<Map<String, String>> actions() {
    return List.copyOf(actions);
  }

  /**
   * Sends an event packet (lines without the final empty line) to every logged-in client, split in
   * two writes mid-line, as TCP may deliver it.
   */
  public void send(String... lines) {
    String packet = String.join("\r\n", lines) + "\r\n\r\n";
    int half = packet.length() / 2;
    for (NetSocket s : loggedIn) {
      s.write(packet.substring(0, half));
      s.write(packet.substring(half));
    }
  }

  /** Drops every connection without a goodbye, as a restarting Asterisk or a broken link does. */
  public void dropAll() {
    open.forEach(NetSocket::close);
  }

  public Future<Void> close() {
    return server.close();
  }

  private void session(NetSocket s) {
    open.add(s);
    s.closeHandler(
        v -> {
          open.remove(s);
          loggedIn.remove(s);
        });
    StringBuilder pending = new StringBuilder();
    s.handler(
        chunk -> {
          pending.append(chunk.toString());
          int end;
          while ((end = pending.indexOf("\r\n\r\n")) >= 0) {
            String block = pending.substring(0, end);
            pending.delete(0, end + 4);
            action(s, parse(block));
          }
        });
    s.write("Asterisk Call Manager/7.0.3\r\n");
  }

  private static Map<String, String> parse(String block) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : block.split("\r\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 2));
      }
    }
    return fields;
  }

  private void action(NetSocket s, Map<String, String> a) {
    actions.add(a);
    String id = a.getOrDefault("ActionID", "");
    switch (a.getOrDefault("Action", "")) {
      case "Login" -> {
        if (username.equals(a.get("Username")) && secret.equals(a.get("Secret"))) {
          logins.incrementAndGet();
          loggedIn.add(s);
          s.write(
              Buffer.buffer(
                  "Response: Success\r\nActionID: "
                      + id
                      + "\r\nMessage: Authentication accepted\r\n\r\n"
                      + "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 12\r\n"
                      + "LastReload: 12\r\nStatus: Fully Booted\r\n\r\n"));
        } else {
          refused.incrementAndGet();
          s.write(
              "Response: Error\r\nActionID: " + id + "\r\nMessage: Authentication failed\r\n\r\n");
        }
      }
      case "Ping" ->
          s.write(
              "Response: Success\r\nActionID: "
                  + id
                  + "\r\nPing: Pong\r\nTimestamp: 1700000000.000000\r\n\r\n");
      case "Logoff" -> {
        s.write(
            "Response: Goodbye\r\nActionID: "
                + id
                + "\r\nMessage: Thanks for all the fish.\r\n\r\n");
        s.close();
      }
      default ->
          s.write(
              "Response: Error\r\nActionID: "
                  + id
                  + "\r\nMessage: Invalid/unknown command\r\n\r\n");
    }
  }
}
