package io.contacthub.hub.offers.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RuleMatcherTest {

  @Test
  void phrasesTermsNegationAndWildcardsMatchLikeTheSearchBox() {
    RuleMatcher m =
        RuleMatcher.compile(
            Arrays.asList(
                "\"interest rate\"", "refund -voucher", "rate*", null, "+card +stolen", "Müller"));
    assertThat(m.match("What INTEREST RATE do I pay?").stream().boxed()).containsExactly(0, 2);
    assertThat(m.match("The rate of interest").stream().boxed()).containsExactly(2);
    assertThat(m.match("I want a refund, not a voucher").stream().boxed()).isEmpty();
    assertThat(m.match("I want a refund").stream().boxed()).containsExactly(1);
    assertThat(m.match("my card").stream().boxed()).isEmpty();
    assertThat(m.match("my card was stolen").stream().boxed()).containsExactly(4);
    assertThat(m.match("Frau Muller ruft an").stream().boxed()).containsExactly(5);
    assertThat(m.match("").isEmpty()).isTrue();
  }

  @Test
  void thePreFilterNeverChangesTheResult() {
    String[] words = {
      "rate",
      "interest",
      "card",
      "refund",
      "voucher",
      "stolen",
      "upgrade",
      "plan",
      "travel",
      "loan",
      "fee",
      "late",
      "cancel",
      "contract"
    };
    Random random = new Random(42);
    List<String> queries = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String a = words[random.nextInt(words.length)];
      String b = words[random.nextInt(words.length)];
      queries.add(
          switch (i % 6) {
            case 0 -> a;
            case 1 -> a + " OR " + b;
            case 2 -> "\"" + a + " " + b + "\"";
            case 3 -> "+" + a + " +" + b;
            case 4 -> a.substring(0, 3) + "*";
            default -> a + " -" + b;
          });
    }
    RuleMatcher m = RuleMatcher.compile(queries);
    for (int n = 0; n < 150; n++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 2 + random.nextInt(12); w++) {
        text.append(words[random.nextInt(words.length)]).append(' ');
      }
      assertThat(m.match(text.toString())).isEqualTo(m.matchEveryQuery(text.toString()));
    }
  }

  @Test
  void aQueryThatDoesNotParseNamesItsPosition() {
    assertThatThrownBy(() -> RuleMatcher.compile(List.of("ok", "rate AND (")))
        .isInstanceOfSatisfying(
            RuleMatcher.InvalidQueryException.class, e -> assertThat(e.position()).isEqualTo(1));
  }
}
