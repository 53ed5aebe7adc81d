package io.contacthub.hub.ingest;

import io.contacthub.hub.events.Audience;
import io.contacthub.hub.events.HubEvent;
import io.contacthub.hub.events.LiveEvents;
import io.contacthub.hub.model.Customer;
import io.vertx.core.json.JsonObject;

/** Tells agents about durable changes on the live stream; never before the change is durable. */
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
        .forEach(i -> events.publish(interactionEvent, i.toJson(), Audience.STAFF));
    record
        .conversations()
        .forEach(c -> events.publish(HubEvent.CONVERSATION_UPDATED, c.toJson(), Audience.STAFF));
    for (Customer c : record.customers()) {
      if (record.cause() == ChangeRecord.Cause.MERGE) {
        events.publish(
            HubEvent.CUSTOMER_MERGED,
            new JsonObject().put("customerId", c.mergedInto()).put("mergedCustomerId", c.id()),
            Audience.STAFF);
      } else if (record.cause() != ChangeRecord.Cause.INGEST) {
        events.publish(HubEvent.CUSTOMER_UPDATED, c.toJson(), Audience.STAFF);
      }
    }
  }
}
