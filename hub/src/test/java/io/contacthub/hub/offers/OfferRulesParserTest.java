package io.contacthub.hub.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.connector.Channel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OfferRulesParserTest {

  private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

  @Test
  void theShippedRuleFileIsValid() throws Exception {
    RuleSet set = OfferRulesParser.parse(Files.readString(Path.of("../config/offers.yaml")), NOW);
    assertThat(set.rules()).extracting(OfferRule::id).contains("card-rate-retention");
  }

  @Test
  void everyPartIsRead() throws Exception {
    RuleSet set =
        OfferRulesParser.parse(
            """
            offers:
              - id: r1
                name: One
                triggers: [screen_pop, conversation.reopened]
                channels: [phone]
                text: rate*
                customer: {segments: [high], minValue: 100, maxValue: 9000, products: [card], tags: [vip]}
                eligibility: {maxShows: 2, perDays: 7, declineCooldownDays: 3, validFrom: 2026-01-01, validUntil: 2026-12-31}
                priority: 5
                expectedValue: 12.5
                script: Say this.
                action: {type: link, url: 'https://example.com'}
            """,
            NOW);
    OfferRule r = set.rules().get(0);
    assertThat(r.triggers())
        .containsExactlyInAnyOrder(Trigger.SCREEN_POP, Trigger.CONVERSATION_REOPENED);
    assertThat(r.channels()).containsExactly(Channel.PHONE);
    assertThat(r.customer().minValue()).isEqualTo(100.0);
    assertThat(r.eligibility().window()).isEqualTo(Duration.ofDays(7));
    assertThat(r.eligibility().validUntil()).isEqualTo(Instant.parse("2026-12-31T23:59:59.999Z"));
    assertThat(r.eligibility().validAt(Instant.parse("2027-01-01T00:00:00Z"))).isFalse();
    assertThat(r.action().getString("type")).isEqualTo("link");
  }

  @Test
  void everyProblemIsReportedWithItsRule() {
    assertThatThrownBy(
            () ->
                OfferRulesParser.parse(
                    """
                    offers:
                      - id: good
                        triggers: [screen_pop]
                        script: ok
                      - id: good
                        triggers: [screen_pop]
                        script: ok
                      - id: Bad Id
                        triggers: [sunrise]
                        channels: [pigeon]
                        text: 'a AND ('
                        customer: {minValue: 10, maxValue: 1, colour: red}
                        eligibility: {validFrom: someday}
                    """,
                    NOW))
        .isInstanceOfSatisfying(
            InvalidRulesException.class,
            e ->
                assertThat(String.join("\n", e.problems()))
                    .contains(
                        "offers[1] (good): duplicate id",
                        "offers[2] (Bad Id): id must be",
                        "unknown trigger sunrise",
                        "unknown channel pigeon",
                        "text does not parse",
                        "minValue is above",
                        "unknown key customer.colour",
                        "validFrom is not a date",
                        "script (what the agent says) is required"));
  }

  @Test
  void anEmptyFileOrNotYamlIsRefused() {
    assertThatThrownBy(() -> OfferRulesParser.parse("", NOW))
        .isInstanceOf(InvalidRulesException.class);
    assertThatThrownBy(() -> OfferRulesParser.parse("offers: [", NOW))
        .isInstanceOf(InvalidRulesException.class);
    assertThatThrownBy(() -> OfferRulesParser.parse("offers: 3", NOW))
        .isInstanceOf(InvalidRulesException.class);
  }

  @Test
  void eligibilityCountsShowsInTheWindowAndTheDeclinePause() {
    Eligibility e = new Eligibility(2, Duration.ofDays(30), Duration.ofDays(7), null, null);
    OfferHistory h = OfferHistory.NONE.withShown(NOW.minus(Duration.ofDays(40)), "phone");
    assertThat(e.allows(h, NOW)).isTrue();
    h = h.withShown(NOW.minus(Duration.ofDays(2)), "phone").withShown(NOW, "phone");
    assertThat(e.allows(h, NOW)).isFalse();
    OfferHistory declined = OfferHistory.NONE.withDeclined(NOW.minus(Duration.ofDays(6)));
    assertThat(e.allows(declined, NOW)).isFalse();
    assertThat(e.allows(declined, NOW.plus(Duration.ofDays(2)))).isTrue();
  }
}
