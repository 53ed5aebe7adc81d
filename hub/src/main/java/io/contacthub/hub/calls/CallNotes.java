package io.contacthub.hub.calls;

import io.contacthub.connector.Channel;
import io.contacthub.connector.InteractionKind;
import io.contacthub.hub.ingest.IngestService;
import io.contacthub.hub.model.HubException;
import io.contacthub.hub.model.Ids;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.query.QueryService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Agents' wrap-up of a call: notes appended to {@code extras.notes} and a disposition in {@code
 * extras.disposition}. Both are top-level extras keys of their own because the phone connector
 * rewrites {@code extras.call} whole on every call event; a note added while the call still rings
 * survives its answer and hangup.
 */
public final class CallNotes {

  /** What an agent adds; either may be null, not both. */
  public record Entry(String note, String disposition) {}

  private final IngestService ingest;
  private final QueryService query;
  private final CallDispositions dispositions;

  public CallNotes(IngestService ingest, QueryService query, CallDispositions dispositions) {
    this.ingest = ingest;
    this.query = query;
    this.dispositions = dispositions;
  }

  public Future<Interaction> add(String interactionId, Entry entry, String login, String name) {
    if (entry.note() == null && entry.disposition() == null) {
      return Future.failedFuture(HubException.badRequest("give a note, a disposition or both"));
    }
    if (entry.disposition() != null && !dispositions.allows(entry.disposition())) {
      return Future.failedFuture(
          HubException.badRequest(
              "disposition: unknown code '"
                  + entry.disposition()
                  + "'; configured codes: "
                  + String.join(", ", dispositions.codes())));
    }
    return query
        .interaction(interactionId)
        .compose(
            call -> {
              if (call.channel() != Channel.PHONE || call.kind() != InteractionKind.CALL) {
                return Future.failedFuture(
                    HubException.conflict("interaction " + interactionId + " is not a phone call"));
              }
              Instant at = Instant.now();
              return ingest.amendExtras(
                  call.channel(),
                  call.externalId(),
                  extras -> applied(extras, entry, login, name, at));
            });
  }

  private static JsonObject applied(
      JsonObject extras, Entry entry, String login, String name, Instant at) {
    JsonObject by = new JsonObject().put("login", login).put("name", name).put("at", at.toString());
    if (entry.note() != null) {
      JsonArray notes = extras.getJsonArray("notes", new JsonArray()).copy();
      notes.add(by.copy().put("id", Ids.next()).put("text", entry.note()));
      extras.put("notes", notes);
    }
    if (entry.disposition() != null) {
      extras.put("disposition", by.copy().put("code", entry.disposition()));
    }
    return extras;
  }
}
