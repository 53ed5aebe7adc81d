package io.contacthub.connector.webchat.session;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.Channel;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.InteractionUpdate;
import io.contacthub.connector.LiveEvent;
import io.contacthub.connector.ThreadHints;
import io.contacthub.connector.webchat.SiteConfig;
import io.contacthub.connector.webchat.WebchatConnector;
import io.contacthub.connector.webchat.verify.EmailCodes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One widget connection, from hello to close; all its state is touched on its own event loop.
 * Everything it shows the visitor is read back from the hub's durable timeline ({@link #sync}), so
 * the sequence numbers are the log's and a reconnect (or a hub restart) resumes exactly where the
 * widget stopped: see docs/webchat-protocol.md.
 */
public final class ChatSocket {

  private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final int PAGE = 200;
  private static final long RETRY_MILLIS = 250;

  /**
   * How long a socket keeps reading for items another node stored: this node's copy of the log
   * normally shows them within milliseconds; past this the widget's next resume brings them.
   */
  private static final long AWAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** Close codes in the private range, so the widget can tell why. */
  static final short CLOSE_REFUSED = 4401;

  static final short CLOSE_ABUSE = 4429;

  private final ServerWebSocket ws;
  private final Context context;
  private final SiteConfig site;
  private final String ip;
  private final ChatServices s;
  private final Map<String, JsonObject> unreadAgentItems = new LinkedHashMap<>();
  // Items another node stored that this socket has not read yet, with when to stop waiting.
  private final Map<String, Long> awaited = new HashMap<>();
  private boolean awaitRetryPending;
  private Hello hello;
  // Written on the socket's event loop, read by the connector when an agent signals.
  private volatile String conversationId;
  private long lastSeq;
  private boolean syncing;
  private boolean syncAgain;
  private boolean typing;
  private boolean emailNeedsConfirmation;
  private long helloTimer;

  ChatSocket(ServerWebSocket ws, Context context, SiteConfig site, String ip, ChatServices s) {
    this.ws = ws;
    this.context = context;
    this.site = site;
    this.ip = ip;
    this.s = s;
  }

  void start() {
    ws.textMessageHandler(this::onText);
    ws.closeHandler(v -> closed());
    helloTimer =
        context
            .owner()
            .setTimer(
                s.config().helloTimeout().toMillis(),
                id -> {
                  if (hello == null) {
                    refuse("hello_timeout", "no hello frame");
                  }
                });
  }

  String visitorId() {
    return hello.visitorId();
  }

  /** An agent's reply to this visitor was stored: show it (called from any thread). */
  public void replyStored(String conversation) {
    context.runOnContext(
        v -> {
          conversationId = conversation;
          sync();
        });
  }

  /**
   * Another node stored these items of the conversation (a reply, a read mark; called from any
   * thread): this node's copy of the log may not show them yet, so the socket reads until they
   * come, for a few seconds at most.
   */
  public void awaitItems(String conversation, Collection<String> interactionIds) {
    context.runOnContext(
        v -> {
          conversationId = conversation;
          long until = System.nanoTime() + AWAIT_NANOS;
          interactionIds.forEach(id -> awaited.put(id, until));
          sync();
        });
  }

  /** Whether this socket shows that conversation. */
  boolean shows(String conversation) {
    return conversation.equals(conversationId);
  }

  /** An agent is typing in this socket's conversation: the widget shows it for a few seconds. */
  public void agentTyping(String agentName) {
    context.runOnContext(
        v -> send(new JsonObject().put("type", "typing").put("agentName", agentName)));
  }

  /** Agents read the visitor's messages: their new state is read back and shown. */
  public void agentRead() {
    context.runOnContext(v -> sync());
  }

  /** Closes the socket as a hub stop or a network drop would; the widget reconnects. */
  public void drop() {
    context.runOnContext(v -> ws.close((short) 1001, "going away"));
  }

  private void onText(String text) {
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException e) {
      error(null, "bad_frame", "frames are JSON objects");
      return;
    }
    String type = frame.getString("type", "");
    if (hello == null) {
      if ("hello".equals(type)) {
        onHello(frame);
      } else {
        refuse("hello_first", "the first frame must be a hello");
      }
      return;
    }
    switch (type) {
      case "message" -> onMessage(frame);
      case "offline" -> onOfflineForm(frame);
      case "typing" -> onTyping(frame);
      case "read" -> onRead(frame);
      case "email_code" -> onEmailCode(frame);
      case "email_confirm" -> onEmailConfirm(frame);
      case "ping" -> send(new JsonObject().put("type", "pong"));
      default -> error(null, "bad_frame", "unknown frame type");
    }
  }

  private void onHello(JsonObject frame) {
    context.owner().cancelTimer(helloTimer);
    try {
      hello = Hello.check(frame, site, s.tokens());
    } catch (Hello.Refused e) {
      refuse(e.code, e.getMessage());
      return;
    }
    lastSeq = hello.lastSeq();
    s.sessions().add(this);
    // Routing unsure (e.g. stopping): offer the chat; a message waits in the queue either way.
    Future<Boolean> available =
        s.hub().agentsAvailable(Channel.WEBCHAT).otherwise(true).map(Boolean.TRUE::equals);
    leaveOutOthersEmail()
        .compose(v -> findConversation())
        .onComplete(
            (conversation, failure) -> {
              if (failure != null) {
                LOG.warn("could not look up the conversation of a visitor", failure);
              }
              if (hello.conversationId() != null && conversation == null) {
                refuse("link_invalid", "the chat link does not open a conversation");
                return;
              }
              conversationId = conversation;
              available.onComplete(a -> welcome(a.result()));
            });
  }

  private void welcome(boolean agentsAvailable) {
    send(
        new JsonObject()
            .put("type", "welcome")
            .put("visitorId", hello.visitorId())
            .put(
                "visitorToken",
                s.tokens().visitorToken(site.id(), hello.visitorId(), hello.confirmedEmail()))
            .put("emailConfirmed", hello.confirmedEmail())
            .put("emailNeedsConfirmation", emailNeedsConfirmation)
            .put("conversationId", conversationId)
            .put("identified", hello.identified())
            .put("agentsAvailable", agentsAvailable)
            .put("maxMessageChars", s.config().maxMessageChars()));
    sync();
  }

  /**
   * A typed-in address that another customer already has must not put this chat on their timeline
   * unconfirmed (the hub would attach the chat to the address's owner): it is left out, and the
   * widget asks the visitor to confirm it by code. When the owner cannot be looked up it is left
   * out too.
   */
  private Future<Void> leaveOutOthersEmail() {
    Identity typed =
        hello.identities().stream()
            .filter(i -> i.type() == IdentityType.EMAIL && !i.verified())
            .findFirst()
            .orElse(null);
    if (typed == null) {
      return Future.succeededFuture();
    }
    return s.hub()
        .customerSnapshot(typed, 0)
        .compose(
            owner ->
                owner == null
                    ? Future.succeededFuture(true)
                    : s.hub()
                        .customerSnapshot(hello.identities().get(0), 0)
                        .map(mine -> mine != null && customerId(mine).equals(customerId(owner))))
        .otherwise(false)
        .map(
            keep -> {
              if (!keep) {
                hello = hello.withoutTypedEmail();
                emailNeedsConfirmation = true;
              }
              return null;
            });
  }

  private static String customerId(JsonObject snapshot) {
    return snapshot.getJsonObject("customer").getString("customerId");
  }

  /**
   * The conversation to show: the one a continue link names, if it belongs to this visitor; else
   * the visitor's (or the site user's) latest conversation; null for someone new.
   */
  private Future<String> findConversation() {
    if (hello.fresh() && !hello.identified()) {
      return Future.succeededFuture(null);
    }
    Identity who = hello.identified() ? hello.identities().get(1) : hello.identities().get(0);
    return s.hub()
        .customerSnapshot(hello.identities().get(0), 0)
        .compose(
            snapshot ->
                snapshot != null || !hello.identified()
                    ? Future.succeededFuture(snapshot)
                    : s.hub().customerSnapshot(who, 0))
        .map(
            snapshot -> {
              if (snapshot == null) {
                return null;
              }
              JsonArray conversations = snapshot.getJsonArray("conversations", new JsonArray());
              for (int i = 0; i < conversations.size(); i++) {
                String id = conversations.getJsonObject(i).getString("conversationId");
                if (hello.conversationId() == null || hello.conversationId().equals(id)) {
                  return id;
                }
              }
              return null;
            });
  }

  private void onMessage(JsonObject frame) {
    String clientId = frame.getString("clientId");
    String text = Hello.text(frame, "text");
    if (!validClientId(clientId) || text == null) {
      error(clientId, "bad_message", "a message needs a clientId and a text");
      return;
    }
    if (text.length() > s.config().maxMessageChars()) {
      error(clientId, "too_long", "at most " + s.config().maxMessageChars() + " characters");
      return;
    }
    if (!withinLimits(clientId)) {
      return;
    }
    InboundInteraction message =
        InboundInteraction.message(Channel.WEBCHAT, hello.visitorId() + "." + clientId)
            .occurredAt(s.clock().instant())
            .identities(hello.identities())
            .thread(new ThreadHints(List.of(), List.of(), hello.conversationId()))
            .text(text)
            .extras(
                new JsonObject()
                    .put("site", site.id())
                    .put("visitorId", hello.visitorId())
                    .put("clientId", clientId))
            .build();
    ingestAndAck(clientId, message, false);
  }

  /** The form shown when nobody is available: it becomes an email conversation. */
  private void onOfflineForm(JsonObject frame) {
    String clientId = frame.getString("clientId");
    String text = Hello.text(frame, "text");
    String email = Hello.text(frame, "email");
    String name = Hello.text(frame, "name");
    if (!validClientId(clientId)
        || text == null
        || email == null
        || !email.matches("[^@\\s<>\"]{1,64}@[^@\\s<>\"]{1,190}")) {
      error(clientId, "bad_message", "the form needs an email address and a message");
      return;
    }
    if (text.length() > s.config().maxMessageChars() || (name != null && name.length() > 100)) {
      error(clientId, "too_long", "at most " + s.config().maxMessageChars() + " characters");
      return;
    }
    if (!withinLimits(clientId)) {
      return;
    }
    InboundInteraction mail =
        InboundInteraction.message(
                Channel.EMAIL, "webchat-offline." + hello.visitorId() + "." + clientId)
            .occurredAt(s.clock().instant())
            .identities(
                List.of(
                    new Identity(IdentityType.EMAIL, email, false, name),
                    hello.identities().get(0)))
            .subject("Message from the chat on " + site.id())
            .text(text)
            .extras(
                new JsonObject()
                    .put("site", site.id())
                    .put("visitorId", hello.visitorId())
                    .put("via", "webchat-offline-form"))
            .build();
    ingestAndAck(clientId, mail, true);
  }

  /** The visitor asks for a code to confirm their email address; it goes to that address. */
  private void onEmailCode(JsonObject frame) {
    String email = Hello.validEmail(Hello.text(frame, "email"));
    if (email == null) {
      error(null, "bad_email", "that does not look like an email address");
      return;
    }
    if (!s.perIp().tryAcquire(ip)) {
      error(null, "rate_limited", "too many requests; wait a moment");
      return;
    }
    String code = s.emailCodes().issue(hello.visitorId(), email);
    if (code == null) {
      error(null, "rate_limited", "too many codes asked for; try again in a quarter of an hour");
      return;
    }
    s.hub()
        .sendEmail(
            email,
            "Your code for the chat on " + site.id() + ": " + code,
            "Your confirmation code is "
                + code
                + "\n\nType it in the chat to confirm this address. It is valid for "
                + EmailCodes.TTL.toMinutes()
                + " minutes. If you did not ask for it, ignore this message.")
        .onComplete(
            (v, failure) -> {
              if (failure != null) {
                LOG.warn("could not send a chat confirmation code: {}", failure.getMessage());
                error(null, "email_unavailable", "the code could not be sent; try again later");
              } else {
                send(new JsonObject().put("type", "email_code_sent").put("email", email));
              }
            });
  }

  /** The visitor typed the code: the address becomes a verified identity of this visitor. */
  private void onEmailConfirm(JsonObject frame) {
    EmailCodes.Check check = s.emailCodes().check(hello.visitorId(), Hello.text(frame, "code"));
    switch (check.outcome()) {
      case CONFIRMED -> {
        hello = hello.withConfirmedEmail(check.email());
        send(
            new JsonObject()
                .put("type", "email_confirmed")
                .put("email", check.email())
                .put(
                    "visitorToken",
                    s.tokens().visitorToken(site.id(), hello.visitorId(), check.email())));
      }
      case WRONG ->
          error(
              null,
              "code_wrong",
              "that code is not right; " + check.attemptsLeft() + " tries left");
      case EXPIRED ->
          error(null, "code_expired", "the code has expired or was tried too often; ask again");
      case NO_CODE -> error(null, "code_expired", "no code is open; ask for one");
    }
  }

  private void ingestAndAck(String clientId, InboundInteraction interaction, boolean offline) {
    s.hub()
        .ingest(interaction)
        .onComplete(
            (Accepted a, Throwable failure) -> {
              if (failure != null) {
                LOG.warn("a chat message was not stored: {}", failure.getMessage());
                error(clientId, "not_stored", "the message was not stored; it will be sent again");
                return;
              }
              JsonObject ack =
                  new JsonObject()
                      .put("type", "ack")
                      .put("clientId", clientId)
                      .put("id", a.interactionId())
                      .put("offline", offline);
              if (!offline) {
                conversationId = a.conversationId();
                ack.put("conversationId", conversationId);
              }
              send(ack);
              sync();
            });
  }

  private void onTyping(JsonObject frame) {
    boolean now = Boolean.TRUE.equals(frame.getValue("on"));
    if (now == typing || conversationId == null) {
      return;
    }
    typing = now;
    s.hub()
        .publish(
            new LiveEvent(
                "webchat.typing",
                new JsonObject()
                    .put("conversationId", conversationId)
                    .put("visitorId", hello.visitorId())
                    .put("typing", now),
                null));
  }

  /** The visitor saw the agent's messages up to {@code seq}: record them as read. */
  private void onRead(JsonObject frame) {
    long upTo = frame.getValue("seq") instanceof Number n ? n.longValue() : -1;
    List<JsonObject> read =
        unreadAgentItems.values().stream().filter(i -> ItemFrames.wireSeq(i) <= upTo).toList();
    for (JsonObject item : read) {
      unreadAgentItems.remove(item.getString("interactionId"));
      s.hub()
          .update(
              new InteractionUpdate(
                  Channel.WEBCHAT,
                  item.getString("externalId"),
                  s.clock().instant(),
                  null,
                  new JsonObject()
                      .put("read", new JsonObject().put("at", s.clock().instant().toString()))))
          .onSuccess(a -> sync())
          .onFailure(e -> LOG.warn("could not record a read receipt: {}", e.getMessage()));
    }
  }

  /**
   * Sends the visitor everything of the conversation written after what they last saw, read back
   * from the timeline: one reader per socket at a time, and a request that arrives meanwhile runs
   * right after it, so nothing written in between is skipped.
   */
  private void sync() {
    if (conversationId == null || hello == null) {
      return;
    }
    if (syncing) {
      syncAgain = true;
      return;
    }
    syncing = true;
    syncAgain = false;
    // Wire sequence numbers are log sequence numbers plus one, so 0 means "nothing seen yet".
    s.hub()
        .conversationItems(conversationId, lastSeq - 1, PAGE)
        .onComplete(
            (items, failure) -> {
              syncing = false;
              if (failure != null) {
                // The timeline is behind (or briefly unavailable): read again shortly, since what
                // the visitor has not seen is only ever in the timeline.
                LOG.debug("could not read chat items: {}", failure.getMessage());
                if (!ws.isClosed()) {
                  context.owner().setTimer(RETRY_MILLIS, id -> sync());
                }
                return;
              }
              for (JsonObject item : items) {
                lastSeq = Math.max(lastSeq, ItemFrames.wireSeq(item));
                awaited.remove(item.getString("interactionId"));
                if (!ItemFrames.visible(item, site.id())) {
                  continue;
                }
                if (ItemFrames.fromAgent(item)
                    && !item.getJsonObject("extras", new JsonObject()).containsKey("read")) {
                  unreadAgentItems.put(item.getString("interactionId"), item);
                }
                send(ItemFrames.frame(item));
              }
              if (syncAgain || items.size() == PAGE) {
                sync();
              } else {
                readAgainForAwaited();
              }
            });
  }

  /** One retry at a time, however many reads found the awaited items still missing. */
  private void readAgainForAwaited() {
    long now = System.nanoTime();
    awaited.values().removeIf(until -> until - now < 0);
    if (awaited.isEmpty() || awaitRetryPending || ws.isClosed()) {
      return;
    }
    awaitRetryPending = true;
    context
        .owner()
        .setTimer(
            RETRY_MILLIS,
            id -> {
              awaitRetryPending = false;
              sync();
            });
  }

  private boolean withinLimits(String clientId) {
    if (!s.perVisitor().tryAcquire(hello.visitorId()) || !s.perIp().tryAcquire(ip)) {
      error(clientId, "rate_limited", "too many messages; wait a moment");
      return false;
    }
    return true;
  }

  private static boolean validClientId(String clientId) {
    return clientId != null && CLIENT_ID.matcher(clientId).matches();
  }

  private void error(String clientId, String code, String detail) {
    send(
        new JsonObject()
            .put("type", "error")
            .put("clientId", clientId)
            .put("code", code)
            .put("detail", detail));
  }

  private void refuse(String code, String detail) {
    error(null, code, detail);
    ws.close(CLOSE_REFUSED, code);
  }

  private void send(JsonObject frame) {
    if (!ws.isClosed()) {
      ws.writeTextMessage(frame.encode());
    }
  }

  private void closed() {
    context.owner().cancelTimer(helloTimer);
    if (hello != null) {
      s.sessions().remove(this);
      if (conversationId != null && s.sessions().of(hello.visitorId()).isEmpty()) {
        String conversation = conversationId;
        String visitor = hello.visitorId();
        // Unless a tab of theirs is open on another node, a reply now goes by email (when there
        // is an address): agents should know.
        s.hub()
            .peers()
            .offer(
                new JsonObject().put("kind", "holds").put("visitorId", visitor),
                WebchatConnector.PEER_WAIT)
            .onSuccess(
                heldByPeer -> {
                  if (!heldByPeer) {
                    s.hub()
                        .publish(
                            new LiveEvent(
                                "webchat.visitor",
                                new JsonObject()
                                    .put("conversationId", conversation)
                                    .put("visitorId", visitor)
                                    .put("online", false),
                                null));
                  }
                });
      }
    }
  }
}
