package io.contacthub.hub.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One live event on its way to the stream endpoints: who may get it, which conversations and
 * customers it is about (the stream filter targets by these), the log record it comes from (its
 * {@code seq}, for events made from a durable record; a reconnecting client resumes after it), and
 * its frame, JSON-encoded at most once however many connections it goes to. Travels by reference,
 * never copied, so the payload must not change once published. A payload given as a supplier is
 * built only when the frame is first encoded: most records' events reach no connection, and
 * building their JSON was a quarter of the routing thread's work under load.
 */
public final class LiveFrame {

  private final String type;
  private Supplier<JsonObject> payloadSource;
  private volatile JsonObject payload;
  private final Audience audience;
  private final Set<String> conversationIds;
  private final Set<String> customerIds;
  private final String origin;
  private final long seq;
  private volatile byte[] encoded;

  /** The {@link #seq()} of an event that does not come from a log record. */
  public static final long NO_SEQ = -1;

  public LiveFrame(
      String type,
      JsonObject payload,
      Audience audience,
      Set<String> conversationIds,
      Set<String> customerIds) {
    this(type, () -> payload, audience, conversationIds, customerIds, NO_SEQ, null);
  }

  /**
   * An event made from the durable log record {@code seq}; {@code payload} is called at most once,
   * on whichever thread first encodes the frame, so it must read only what no longer changes.
   */
  public LiveFrame(
      String type,
      Supplier<JsonObject> payload,
      Audience audience,
      Set<String> conversationIds,
      Set<String> customerIds,
      long seq) {
    this(type, payload, audience, conversationIds, customerIds, seq, null);
  }

  private LiveFrame(
      String type,
      Supplier<JsonObject> payload,
      Audience audience,
      Set<String> conversationIds,
      Set<String> customerIds,
      long seq,
      String origin) {
    this.origin = origin;
    this.seq = seq;
    this.type = type;
    this.payloadSource = payload;
    this.audience = audience;
    this.conversationIds = Set.copyOf(conversationIds);
    this.customerIds = Set.copyOf(customerIds);
  }

  /** The frame as it travels to other nodes (cluster mode). */
  public JsonObject toWire() {
    return new JsonObject()
        .put("type", type)
        .put("seq", seq)
        .put("payload", payload())
        .put("audience", audience.toJson())
        .put("conversationIds", new JsonArray(List.copyOf(conversationIds)))
        .put("customerIds", new JsonArray(List.copyOf(customerIds)));
  }

  /** A frame another node published, as {@link #toWire()} wrote it. */
  public static LiveFrame fromWire(JsonObject wire, String origin) {
    JsonObject payload = wire.getJsonObject("payload");
    return new LiveFrame(
        wire.getString("type"),
        () -> payload,
        Audience.fromJson(wire.getJsonObject("audience", new JsonObject())),
        strings(wire.getJsonArray("conversationIds")),
        strings(wire.getJsonArray("customerIds")),
        wire.getLong("seq", NO_SEQ),
        origin);
  }

  private static Set<String> strings(JsonArray a) {
    return a == null ? Set.of() : Set.copyOf(a.stream().map(String::valueOf).toList());
  }

  /** The node that published it; null when this node did. */
  public String origin() {
    return origin;
  }

  public String type() {
    return type;
  }

  /** The log record this event was made from, or {@link #NO_SEQ}. */
  public long seq() {
    return seq;
  }

  public Audience audience() {
    return audience;
  }

  public Set<String> conversationIds() {
    return conversationIds;
  }

  public Set<String> customerIds() {
    return customerIds;
  }

  /** The payload, built on first use. */
  private JsonObject payload() {
    JsonObject p = payload;
    if (p == null) {
      synchronized (this) {
        p = payload;
        if (p == null) {
          p = payloadSource.get();
          payload = p;
          payloadSource = null;
        }
      }
    }
    return p;
  }

  /**
   * Whether this is about a conversation's content (interaction.*, conversation.*, customer.*,
   * typing), which a connection's stream filter narrows; pops, offers, assignments, presence, stats
   * and SLA notices go to their audience whatever the filter.
   */
  public boolean aboutContent() {
    return type.startsWith("interaction.")
        || type.startsWith("conversation.")
        || type.startsWith("customer.")
        || type.equals(HubEvent.WEBCHAT_TYPING.type());
  }

  /**
   * The frame {@code {"type": ..., "seq": ..., "payload": ...}} as UTF-8 ({@code seq} only when it
   * has one). Two event loops may both encode it the first time; they produce the same bytes, so
   * the race is harmless and needs no lock.
   */
  public byte[] encoded() {
    byte[] e = encoded;
    if (e == null) {
      JsonObject frame = new JsonObject().put("type", type);
      if (seq != NO_SEQ) {
        frame.put("seq", seq);
      }
      e = frame.put("payload", payload()).encode().getBytes(StandardCharsets.UTF_8);
      encoded = e;
    }
    return e;
  }
}
