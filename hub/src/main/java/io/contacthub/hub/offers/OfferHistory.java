package io.contacthub.hub.offers;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened with one offer for one customer: when it was shown, the last decline and accept.
 * Stored in the customer's {@code offerHistory} attribute, so eligibility survives a restart.
 *
 * @param shown the most recent times it was shown, oldest first (at most {@link #KEPT})
 * @param channel the channel of the last showing (where the answer is noted), or null
 */
public record OfferHistory(
    List<Instant> shown, String channel, Instant declinedAt, Instant acceptedAt) {

  public static final int KEPT = 50;
  public static final OfferHistory NONE = new OfferHistory(List.of(), null, null, null);

  public OfferHistory {
    shown =
        List.copyOf(shown.size() > KEPT ? shown.subList(shown.size() - KEPT, shown.size()) : shown);
  }

  public long shownSince(Instant from) {
    return shown.stream().filter(t -> t.isAfter(from)).count();
  }

  public Instant lastShown() {
    return shown.isEmpty() ? null : shown.get(shown.size() - 1);
  }

  public OfferHistory withShown(Instant at, String onChannel) {
    List<Instant> next = new ArrayList<>(shown);
    next.add(at);
    return new OfferHistory(next, onChannel == null ? channel : onChannel, declinedAt, acceptedAt);
  }

  public OfferHistory withDeclined(Instant at) {
    return new OfferHistory(shown, channel, at, acceptedAt);
  }

  public OfferHistory withAccepted(Instant at) {
    return new OfferHistory(shown, channel, declinedAt, at);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("shown", new JsonArray(shown.stream().map(Instant::toString).toList()))
        .put("channel", channel)
        .put("declinedAt", declinedAt == null ? null : declinedAt.toString())
        .put("acceptedAt", acceptedAt == null ? null : acceptedAt.toString());
  }

  public static OfferHistory fromJson(JsonObject j) {
    if (j == null) {
      return NONE;
    }
    return new OfferHistory(
        j.getJsonArray("shown", new JsonArray()).stream()
            .map(o -> Instant.parse((String) o))
            .toList(),
        j.getString("channel"),
        instant(j.getString("declinedAt")),
        instant(j.getString("acceptedAt")));
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
