package io.contacthub.hub.offers;

import java.time.Duration;
import java.time.Instant;

/**
 * When an offer may be shown to a customer again.
 *
 * @param maxShows at most this many times within {@code window} (0: no cap)
 * @param window the cap's sliding window
 * @param declineCooldown not again within this long after the customer declined it (zero: no pause)
 * @param validFrom not before (null: no start)
 * @param validUntil not after (null: no end)
 */
public record Eligibility(
    int maxShows,
    Duration window,
    Duration declineCooldown,
    Instant validFrom,
    Instant validUntil) {

  public static final Eligibility ALWAYS =
      new Eligibility(0, Duration.ZERO, Duration.ZERO, null, null);

  public boolean validAt(Instant now) {
    return (validFrom == null || !now.isBefore(validFrom))
        && (validUntil == null || !now.isAfter(validUntil));
  }

  public boolean allows(OfferHistory history, Instant now) {
    if (!validAt(now)) {
      return false;
    }
    if (maxShows > 0 && history.shownSince(now.minus(window)) >= maxShows) {
      return false;
    }
    return declineCooldown.isZero()
        || history.declinedAt() == null
        || !history.declinedAt().isAfter(now.minus(declineCooldown));
  }
}
