package io.contacthub.hub.routing.work;

import io.contacthub.connector.Channel;
import io.contacthub.hub.model.InstantText;
import io.contacthub.hub.model.JsonOut;
import io.contacthub.hub.model.JsonTree;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One contact routing is responsible for: an open conversation on a messaging channel (id = the
 * conversation id), or a phone call the phone system routes and routing only tracks (id = {@code
 * call:<interactionId>}). Mutable, changed only on the routing thread through the methods below,
 * which are the state machine; the journal stores a snapshot ({@link #toJson()}) after each change.
 */
public final class WorkItem {

  private final String id;
  private final String conversationId;
  private final String customerId;
  private final Channel channel;
  private final boolean call;
  private final Instant createdAt;
  private final Instant firstResponseDue;
  private final Instant resolutionDue;
  private String queue;
  private ItemState state = ItemState.WAITING;
  private Instant enqueuedAt;
  private String agent;
  private Instant offerExpiresAt;
  private Instant answeredAt;
  private String preferredAgent;
  private Instant stickyUntil;
  private Instant firstResponseAt;
  // Made on first use: most items are never declined, and an empty set per item is some 15 MB at a
  // quarter of a million open conversations.
  private Set<String> declinedBy;
  // A bit per key of SLA_NOTICES: a sorted set of two notices was about 150 bytes per item, made
  // when the item had long been in the old generation.
  private byte slaNotices;

  /**
   * The SLA notices an item can have had ({@code SlaWatch} sends them), sorted as the journal has
   * always listed them.
   */
  private static final List<String> SLA_NOTICES =
      List.of(
          "firstResponse.breached",
          "firstResponse.warning",
          "resolution.breached",
          "resolution.warning");

  public WorkItem(
      String id,
      String conversationId,
      String customerId,
      Channel channel,
      boolean call,
      String queue,
      Instant createdAt,
      Instant firstResponseDue,
      Instant resolutionDue) {
    this.id = id;
    this.conversationId = conversationId;
    this.customerId = customerId;
    this.channel = channel;
    this.call = call;
    this.queue = queue;
    this.createdAt = createdAt;
    this.enqueuedAt = createdAt;
    this.firstResponseDue = firstResponseDue;
    this.resolutionDue = resolutionDue;
  }

  /** A copy that later changes to this item do not reach (a snapshot is written from copies). */
  public WorkItem copy() {
    WorkItem c =
        new WorkItem(
            id,
            conversationId,
            customerId,
            channel,
            call,
            queue,
            createdAt,
            firstResponseDue,
            resolutionDue);
    c.state = state;
    c.enqueuedAt = enqueuedAt;
    c.agent = agent;
    c.offerExpiresAt = offerExpiresAt;
    c.answeredAt = answeredAt;
    c.preferredAgent = preferredAgent;
    c.stickyUntil = stickyUntil;
    c.firstResponseAt = firstResponseAt;
    c.declinedBy = declinedBy == null ? null : new TreeSet<>(declinedBy);
    c.slaNotices = slaNotices;
    return c;
  }

  /** Waits for {@code agent} (account owner or last agent) until {@code until}, then for anyone. */
  public void preferAgent(String login, Instant until) {
    this.preferredAgent = login;
    this.stickyUntil = until;
  }

  public void offer(String login, Instant expiresAt) {
    state = ItemState.OFFERED;
    agent = login;
    offerExpiresAt = expiresAt;
  }

  public void accept(Instant now) {
    state = ItemState.ASSIGNED;
    offerExpiresAt = null;
    answeredAt = now;
  }

  /** A call answered by {@code login} (null when the phone system did not say who). */
  public void answeredBy(String login, Instant at) {
    state = ItemState.ASSIGNED;
    agent = login;
    answeredAt = at;
  }

  /** Back to waiting after a decline or a missed offer; it keeps its place in the queue. */
  public void declined() {
    if (declinedBy == null) {
      declinedBy = new TreeSet<>();
    }
    declinedBy.add(agent);
    state = ItemState.WAITING;
    agent = null;
    offerExpiresAt = null;
  }

  /** Into {@code newQueue} as a new contact there (a transfer): waiting from now, no preference. */
  public void requeue(String newQueue, Instant now) {
    queue = newQueue;
    state = ItemState.WAITING;
    enqueuedAt = now;
    agent = null;
    offerExpiresAt = null;
    answeredAt = null;
    preferredAgent = null;
    stickyUntil = null;
    declinedBy = null;
  }

  public void close() {
    state = ItemState.CLOSED;
  }

  public void responded(Instant at) {
    if (firstResponseAt == null) {
      firstResponseAt = at;
    }
  }

  /**
   * Records that an SLA notice ({@code firstResponse.warning}, ...) went out.
   *
   * @throws IllegalArgumentException for a key not in {@link #SLA_NOTICES}
   */
  public void notice(String key) {
    int bit = SLA_NOTICES.indexOf(key);
    if (bit < 0) {
      throw new IllegalArgumentException("not an SLA notice: " + key);
    }
    slaNotices |= (byte) (1 << bit);
  }

  public boolean noticed(String key) {
    // Asked on every change of an item, and most items have had no notice: no lookup then.
    if (slaNotices == 0) {
      return false;
    }
    int bit = SLA_NOTICES.indexOf(key);
    return bit >= 0 && (slaNotices & (1 << bit)) != 0;
  }

  public String id() {
    return id;
  }

  public String conversationId() {
    return conversationId;
  }

  public String customerId() {
    return customerId;
  }

  public Channel channel() {
    return channel;
  }

  public boolean isCall() {
    return call;
  }

  public String queue() {
    return queue;
  }

  public ItemState state() {
    return state;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant enqueuedAt() {
    return enqueuedAt;
  }

  /** The agent offered or assigned, else null. */
  public String agent() {
    return agent;
  }

  public Instant offerExpiresAt() {
    return offerExpiresAt;
  }

  public Instant answeredAt() {
    return answeredAt;
  }

  public String preferredAgent() {
    return preferredAgent;
  }

  public Instant stickyUntil() {
    return stickyUntil;
  }

  /** The agents who declined or missed an offer of this item since it last entered its queue. */
  public Set<String> declinedBy() {
    return declinedBy == null ? Set.of() : declinedBy;
  }

  public Instant firstResponseAt() {
    return firstResponseAt;
  }

  public Instant firstResponseDue() {
    return firstResponseDue;
  }

  public Instant resolutionDue() {
    return resolutionDue;
  }

  public boolean isOpen() {
    return state != ItemState.CLOSED;
  }

  public boolean isWaiting() {
    return state == ItemState.WAITING || state == ItemState.OFFERED;
  }

  /** The fields of {@link #toJson()}, also written straight to bytes (routing's snapshot). */
  public static final JsonOut.Fields<WorkItem> FIELDS =
      (w, out) ->
          out.put("id", w.id)
              .put("conversationId", w.conversationId)
              .put("customerId", w.customerId)
              .put("channel", w.channel.wireName())
              .put("call", w.call)
              .put("queue", w.queue)
              .put("state", w.state.wireName())
              .put("createdAt", str(w.createdAt))
              .put("enqueuedAt", str(w.enqueuedAt))
              .put("agent", w.agent)
              .put("offerExpiresAt", str(w.offerExpiresAt))
              .put("answeredAt", str(w.answeredAt))
              .put("preferredAgent", w.preferredAgent)
              .put("stickyUntil", str(w.stickyUntil))
              .put("firstResponseAt", str(w.firstResponseAt))
              .put("firstResponseDue", str(w.firstResponseDue))
              .put("resolutionDue", str(w.resolutionDue))
              .putStrings("declinedBy", list(w.declinedBy))
              .putStrings("slaNotices", notices(w.slaNotices));

  public JsonObject toJson() {
    return JsonTree.of(this, FIELDS);
  }

  public static WorkItem fromJson(JsonObject j) {
    WorkItem w =
        new WorkItem(
            j.getString("id"),
            j.getString("conversationId"),
            j.getString("customerId"),
            Channel.fromWireName(j.getString("channel")).orElseThrow(),
            j.getBoolean("call", false),
            j.getString("queue"),
            Instant.parse(j.getString("createdAt")),
            instant(j.getString("firstResponseDue")),
            instant(j.getString("resolutionDue")));
    w.state = ItemState.valueOf(j.getString("state").toUpperCase(java.util.Locale.ROOT));
    w.enqueuedAt = Instant.parse(j.getString("enqueuedAt"));
    w.agent = j.getString("agent");
    w.offerExpiresAt = instant(j.getString("offerExpiresAt"));
    w.answeredAt = instant(j.getString("answeredAt"));
    w.preferredAgent = j.getString("preferredAgent");
    w.stickyUntil = instant(j.getString("stickyUntil"));
    w.firstResponseAt = instant(j.getString("firstResponseAt"));
    w.declinedBy = set(j.getJsonArray("declinedBy"));
    w.slaNotices = notices(j.getJsonArray("slaNotices"));
    return w;
  }

  private static List<String> list(Set<String> s) {
    return s == null ? List.of() : List.copyOf(s);
  }

  private static List<String> notices(byte bits) {
    if (bits == 0) {
      return List.of();
    }
    List<String> keys = new ArrayList<>(Integer.bitCount(bits));
    for (int bit = 0; bit < SLA_NOTICES.size(); bit++) {
      if ((bits & (1 << bit)) != 0) {
        keys.add(SLA_NOTICES.get(bit));
      }
    }
    return keys;
  }

  /** The notices a journal entry lists; a key this version does not know is left out. */
  private static byte notices(JsonArray a) {
    byte bits = 0;
    if (a != null) {
      for (Object key : a) {
        int bit = SLA_NOTICES.indexOf(key);
        if (bit >= 0) {
          bits |= (byte) (1 << bit);
        }
      }
    }
    return bits;
  }

  private static Set<String> set(JsonArray a) {
    if (a == null || a.isEmpty()) {
      return null;
    }
    Set<String> s = new TreeSet<>();
    a.forEach(x -> s.add((String) x));
    return s;
  }

  private static String str(Instant i) {
    return i == null ? null : InstantText.of(i);
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
