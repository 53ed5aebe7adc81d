package io.contacthub.hub.offers;

import io.contacthub.hub.offers.match.RuleMatcher;
import java.time.Instant;
import java.util.List;

/**
 * A loaded, validated set of rules with their compiled text queries; immutable, replaced whole on
 * reload.
 *
 * @param version a hash of the file the set came from
 */
public record RuleSet(
    List<OfferRule> rules, RuleMatcher matcher, String version, Instant loadedAt) {

  public static final RuleSet EMPTY =
      new RuleSet(List.of(), RuleMatcher.compile(List.of()), "empty", Instant.EPOCH);

  public RuleSet {
    rules = List.copyOf(rules);
  }

  public static RuleSet of(List<OfferRule> rules, String version, Instant loadedAt) {
    return new RuleSet(
        rules,
        RuleMatcher.compile(rules.stream().map(OfferRule::text).toList()),
        version,
        loadedAt);
  }

  public java.util.Optional<OfferRule> rule(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
