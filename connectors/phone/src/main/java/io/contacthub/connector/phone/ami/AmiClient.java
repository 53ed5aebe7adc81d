package io.contacthub.connector.phone.ami;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A non-blocking Asterisk Manager Interface client: connects, logs in with {@code Events: on},
 * hands every event to a consumer, pings to notice dead connections, and reconnects after any loss
 * with exponential backoff. All its state lives on one Vert.x context.
 */
public final class AmiClient {

  private static final Logger LOG = LoggerFactory.getLogger(AmiClient.class);
  private static final int DEAD_AFTER_PINGS = 3;

  private final Vertx vertx;
  private final AmiOptions options;
  private final Consumer<AmiMessage> events;
  private final NetClient client;
  private Context context;
  private NetSocket socket;
  private Duration delay;
  private long reconnectTimer = -1;
  private long pingTimer = -1;
  private long actions;
  private String loginId;
  private boolean stopped;
  private volatile boolean loggedIn;

  public AmiClient(Vertx vertx, AmiOptions options, Consumer<AmiMessage> events) {
    this.vertx = vertx;
    this.options = options;
    this.events = events;
    this.delay = options.reconnectInitial();
    this.client =
        vertx.createNetClient(
            new NetClientOptions()
                .setConnectTimeout(5_000)
                .setTcpKeepAlive(true)
                .setReadIdleTimeout((int) options.ping().toSeconds() * DEAD_AFTER_PINGS)
                .setIdleTimeoutUnit(TimeUnit.SECONDS));
  }

  public void start() {
    context = vertx.getOrCreateContext();
    context.runOnContext(v -> connect());
  }

  /** Whether a session is logged in now. */
  public boolean loggedIn() {
    return loggedIn;
  }

  public Future<Void> stop() {
    if (context == null) {
      return client.close();
    }
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          stopped = true;
          cancelTimers();
          if (socket != null) {
            socket.write(AmiActions.logoff(nextActionId("logoff")));
            socket.close();
          }
          client.close().onComplete(done);
        });
    return done.future();
  }

  private void connect() {
    if (stopped) {
      return;
    }
    client
        .connect(options.port(), options.host())
        .onSuccess(this::session)
        .onFailure(
            e -> {
              LOG.warn("AMI {} unreachable: {}", options, e.getMessage());
              retryLater();
            });
  }

  private void session(NetSocket s) {
    if (stopped) {
      s.close();
      return;
    }
    socket = s;
    AmiDecoder decoder =
        new AmiDecoder(b -> LOG.info("AMI {} says {}", options, b), this::received);
    s.handler(
        chunk -> {
          try {
            decoder.feed(chunk);
          } catch (IllegalStateException e) {
            LOG.warn("AMI {} sent something that is not AMI; reconnecting", options, e);
            s.close();
          }
        });
    s.exceptionHandler(e -> LOG.debug("AMI connection error", e));
    s.closeHandler(v -> lost(s));
    loginId = nextActionId("login");
    s.write(AmiActions.login(loginId, options.username(), options.secret()));
  }

  private void received(AmiMessage m) {
    if (m.response() != null) {
      if (loginId != null && loginId.equals(m.get("ActionID"))) {
        loggedIn(m);
      }
      return;
    }
    if (loggedIn && m.event() != null) {
      try {
        events.accept(m);
      } catch (RuntimeException e) {
        LOG.warn("AMI event {} not handled", m.event(), e);
      }
    }
  }

  private void loggedIn(AmiMessage response) {
    loginId = null;
    if (!"Success".equalsIgnoreCase(response.response())) {
      LOG.error("AMI login as {} refused: {}", options, response.get("Message"));
      socket.close();
      return;
    }
    LOG.info("AMI logged in as {}", options);
    loggedIn = true;
    delay = options.reconnectInitial();
    NetSocket s = socket;
    pingTimer =
        vertx.setPeriodic(
            options.ping().toMillis(), id -> s.write(AmiActions.ping(nextActionId("ping"))));
  }

  private void lost(NetSocket s) {
    if (socket != s) {
      return;
    }
    socket = null;
    loggedIn = false;
    cancelTimers();
    if (!stopped) {
      LOG.warn("AMI connection to {} lost", options);
      retryLater();
    }
  }

  private void retryLater() {
    if (stopped) {
      return;
    }
    long wait = delay.toMillis();
    Duration doubled = delay.multipliedBy(2);
    delay = doubled.compareTo(options.reconnectMax()) > 0 ? options.reconnectMax() : doubled;
    LOG.info("AMI reconnecting to {} in {} ms", options, wait);
    reconnectTimer =
        vertx.setTimer(
            wait,
            id -> {
              reconnectTimer = -1;
              connect();
            });
  }

  private void cancelTimers() {
    if (pingTimer >= 0) {
      vertx.cancelTimer(pingTimer);
      pingTimer = -1;
    }
    if (reconnectTimer >= 0) {
      vertx.cancelTimer(reconnectTimer);
      reconnectTimer = -1;
    }
  }

  private String nextActionId(String what) {
    return "hub-" + what + "-" + ++actions;
  }
}
