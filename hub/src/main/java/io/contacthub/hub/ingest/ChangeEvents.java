package io.contacthub.hub.ingest;

import io.contacthub.hub.events.HubEvent;
import io.contacthub.hub.events.LiveEvents;
import io.contacthub.hub.model.Customer;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Tells agents about durable changes on the live stream; never before the change is durable. Each
 * event names the conversation (or customers) it is about, which is what the stream filter of a
 * connection targets by.
 */
public final class ChangeEvents implements IngestSequencer.ChangeListener {

  private final LiveEvents events;

  public ChangeEvents(LiveEvents events) {
    this.events = events;
  }

  @Override
  public void durable(long seq, ChangeRecord record) {
    HubEvent interactionEvent =
        record.cause() == ChangeRecord.Cause.INGEST
            ? HubEvent.INTERACTION_CREATED
            : HubEvent.INTERACTION_UPDATED;
    record
        .interactions()
        .forEach(
            i ->
                events.publishAbout(
                    interactionEvent, i.toJson(), ids(i.conversationId()), Set.of()));
    record
        .conversations()
        .forEach(
            c ->
                events.publishAbout(
                    HubEvent.CONVERSATION_UPDATED, c.toJson(), ids(c.id()), Set.of()));
    for (Customer c : record.customers()) {
      if (record.cause() == ChangeRecord.Cause.MERGE) {
        events.publishAbout(
            HubEvent.CUSTOMER_MERGED,
            new JsonObject().put("customerId", c.mergedInto()).put("mergedCustomerId", c.id()),
            Set.of(),
            ids(c.mergedInto(), c.id()));
      } else if (record.cause() != ChangeRecord.Cause.INGEST) {
        events.publishAbout(HubEvent.CUSTOMER_UPDATED, c.toJson(), Set.of(), ids(c.id()));
      }
    }
  }

  private static Set<String> ids(String... ids) {
    Set<String> out = new java.util.HashSet<>();
    for (String id : ids) {
      if (id != null) {
        out.add(id);
      }
    }
    return out;
  }
}
