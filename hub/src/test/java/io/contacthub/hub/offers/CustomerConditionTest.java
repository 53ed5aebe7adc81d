package io.contacthub.hub.offers;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CustomerConditionTest {

  private static final CustomerCondition HIGH_CARD_HOLDERS =
      new CustomerCondition(Set.of("high"), 1000.0, null, Set.of("credit_card"), Set.of());

  @Test
  void aCustomerWithoutTheAttributeDoesNotMatch() {
    assertThat(HIGH_CARD_HOLDERS.test(new JsonObject())).isFalse();
    assertThat(HIGH_CARD_HOLDERS.test(new JsonObject().put("segment", "high").put("value", 5000)))
        .isFalse();
  }

  @Test
  void everyPartMustHold() {
    JsonObject ada =
        new JsonObject()
            .put("segment", "high")
            .put("value", 5000.0)
            .put("products", new JsonArray().add("mortgage").add("credit_card"));
    assertThat(HIGH_CARD_HOLDERS.test(ada)).isTrue();
    assertThat(HIGH_CARD_HOLDERS.test(ada.copy().put("value", 999.0))).isFalse();
    assertThat(HIGH_CARD_HOLDERS.test(ada.copy().put("segment", "standard"))).isFalse();
    assertThat(CustomerCondition.ANY.test(new JsonObject())).isTrue();
  }
}
