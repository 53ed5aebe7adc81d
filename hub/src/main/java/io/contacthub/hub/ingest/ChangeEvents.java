package io.contacthub.hub.ingest;

import io.contacthub.hub.events.Audience;
import io.contacthub.hub.events.HubEvent;
import io.contacthub.hub.events.LiveEvents;
import io.contacthub.hub.events.LiveFrame;
import io.contacthub.hub.model.Customer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tells agents about durable changes on the live stream; never before the change is durable. Each
 * event names the conversation (or customers) it is about, which is what the stream filter of a
 * connection targets by, and carries its record's seq, from which a reconnecting client resumes:
 * {@link #frames} makes the same events from a record read back from the log.
 */
public final class ChangeEvents implements IngestSequencer.ChangeListener {

  private final LiveEvents events;

  public ChangeEvents(LiveEvents events) {
    this.events = events;
  }

  @Override
  public void durable(long seq, ChangeRecord record) {
    frames(seq, record).forEach(events::publish);
  }

  /** The content events of the record {@code seq}, in the order they go out. */
  public static List<LiveFrame> frames(long seq, ChangeRecord record) {
    List<LiveFrame> out = new ArrayList<>();
    HubEvent interactionEvent =
        record.cause() == ChangeRecord.Cause.INGEST
            ? HubEvent.INTERACTION_CREATED
            : HubEvent.INTERACTION_UPDATED;
    record
        .interactions()
        .forEach(i -> out.add(frame(interactionEvent, i::toJson, ids(i.conversationId()), seq)));
    record
        .conversations()
        .forEach(c -> out.add(frame(HubEvent.CONVERSATION_UPDATED, c::toJson, ids(c.id()), seq)));
    for (Customer c : record.customers()) {
      if (record.cause() == ChangeRecord.Cause.MERGE) {
        out.add(
            new LiveFrame(
                HubEvent.CUSTOMER_MERGED.type(),
                () ->
                    new JsonObject()
                        .put("customerId", c.mergedInto())
                        .put("mergedCustomerId", c.id()),
                Audience.STAFF,
                Set.of(),
                ids(c.mergedInto(), c.id()),
                seq));
      } else if (record.cause() != ChangeRecord.Cause.INGEST) {
        out.add(
            new LiveFrame(
                HubEvent.CUSTOMER_UPDATED.type(),
                c::toJson,
                Audience.STAFF,
                Set.of(),
                ids(c.id()),
                seq));
      }
    }
    return out;
  }

  private static LiveFrame frame(
      HubEvent event, Supplier<JsonObject> payload, Set<String> conversationIds, long seq) {
    return new LiveFrame(event.type(), payload, Audience.STAFF, conversationIds, Set.of(), seq);
  }

  private static Set<String> ids(String... ids) {
    Set<String> out = new HashSet<>();
    for (String id : ids) {
      if (id != null) {
        out.add(id);
      }
    }
    return out;
  }
}
