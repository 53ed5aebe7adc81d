package io.contacthub.hub.ingest;

import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.JsonOut;
import io.contacthub.hub.model.JsonStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One entry of the log: the complete new state of everything one decision touched. The decision
 * (which customer, which conversation, whether to merge) is made once, by the sequencer; replay and
 * every projection only apply snapshots, so they can never decide differently.
 */
public record ChangeRecord(
    Cause cause,
    List<Interaction> interactions,
    List<Customer> customers,
    List<Conversation> conversations) {

  /** Why the record was written. */
  public enum Cause {
    INGEST,
    UPDATE,
    MERGE,
    SPLIT,
    DETACH,
    STATUS,
    /** Customer attributes changed without an interaction (a CRM import, an offer's history). */
    ATTRIBUTES
  }

  public ChangeRecord {
    interactions = List.copyOf(interactions);
    customers = List.copyOf(customers);
    conversations = List.copyOf(conversations);
  }

  /** The record as UTF-8 JSON, written field by field without building a JSON tree. */
  public byte[] encode() {
    return JsonStream.encode(this, ChangeRecord::writeJson);
  }

  private static void writeJson(ChangeRecord r, JsonOut out) {
    out.put("cause", r.cause.name())
        .putObjects("interactions", r.interactions, Interaction::writeJson)
        .putObjects("customers", r.customers, Customer::writeJson)
        .putObjects("conversations", r.conversations, Conversation::writeJson);
  }

  public static ChangeRecord decode(byte[] bytes) {
    JsonObject j = Buffer.buffer(bytes).toJsonObject();
    return new ChangeRecord(
        Cause.valueOf(j.getString("cause")),
        j.getJsonArray("interactions").stream()
            .map(o -> Interaction.fromJson((JsonObject) o))
            .toList(),
        j.getJsonArray("customers").stream().map(o -> Customer.fromJson((JsonObject) o)).toList(),
        j.getJsonArray("conversations").stream()
            .map(o -> Conversation.fromJson((JsonObject) o))
            .toList());
  }
}
