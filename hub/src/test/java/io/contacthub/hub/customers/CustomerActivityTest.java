package io.contacthub.hub.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.InteractionKind;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.Interaction;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerActivityTest {

  private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");
  private final CustomerActivity activity =
      new CustomerActivity(CustomerValueOptions.from(new JsonObject()));

  @Test
  void eachInteractionCountsOnANewSnapshotAndLeavesTheFormerOneAsItWas() {
    // GIVEN a customer with one email counted
    Customer before =
        new Customer(
            "c-1",
            null,
            List.of(),
            AT,
            null,
            new JsonObject()
                .put(CustomerAttributes.INTERACTION_COUNTS, new JsonObject().put("email", 1L)));

    // WHEN two phone messages arrive
    Customer once = activity.afterInteraction(before, null, message(Channel.PHONE));
    Customer twice = activity.afterInteraction(once, null, message(Channel.PHONE));

    // THEN the counts move on, and no earlier snapshot changed under its readers
    assertThat(counts(twice)).isEqualTo(new JsonObject().put("email", 1L).put("phone", 2L));
    assertThat(twice.attributes().getString(CustomerAttributes.PREFERRED_CHANNEL))
        .isEqualTo("phone");
    assertThat(counts(once)).isEqualTo(new JsonObject().put("email", 1L).put("phone", 1L));
    assertThat(counts(before)).isEqualTo(new JsonObject().put("email", 1L));
    assertThat(before.attributes().fieldNames())
        .containsExactly(CustomerAttributes.INTERACTION_COUNTS);
  }

  private static JsonObject counts(Customer c) {
    return c.attributes().getJsonObject(CustomerAttributes.INTERACTION_COUNTS);
  }

  private static Interaction message(Channel channel) {
    return new Interaction(
        "i-" + channel,
        1,
        channel,
        "x-1",
        Direction.INBOUND,
        InteractionKind.MESSAGE,
        AT,
        AT,
        "c-1",
        "v-1",
        List.of(),
        List.of(),
        null,
        "hello",
        null,
        List.of(),
        false,
        null);
  }
}
