package io.contacthub.hub.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.InteractionKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelinePageTest {

  private static Interaction interaction(String id, String text, JsonObject extras) {
    return new Interaction(
        id,
        7,
        Channel.EMAIL,
        "m-" + id,
        Direction.INBOUND,
        InteractionKind.MESSAGE,
        Instant.parse("2025-03-01T09:30:00.123Z"),
        Instant.parse("2025-03-01T09:30:01Z"),
        "c-1",
        "v-1",
        List.of(),
        List.of("email:" + id + "@x"),
        "Order \"42\"",
        text,
        null,
        List.of(),
        false,
        extras);
  }

  private final List<Interaction> items =
      List.of(
          interaction("i-1", "Where is my order? \u00fc \u20ac \ud83d\ude00\n\ttab", null),
          interaction("i-2", "<b>not html</b> \\ \u0001", new JsonObject().put("k", List.of(1))));

  /** What the page's JSON tree encoded to before the stored bytes were joined. */
  private JsonObject asTree(String cursor) {
    JsonArray arr = new JsonArray();
    items.forEach(i -> arr.add(i.toJson()));
    return new JsonObject().put("items", arr).put("nextCursor", cursor);
  }

  @Test
  void encodesAsTheTreeOfItsInteractionsWould() {
    for (String cursor : new String[] {null, "abc_-123", "we\"ird\\"}) {
      TimelinePage page = TimelinePage.of(items, cursor);

      assertThat(page.toBuffer().getBytes()).isEqualTo(asTree(cursor).toBuffer().getBytes());
      assertThat(new JsonObject(page.toBuffer())).isEqualTo(asTree(cursor));
    }
  }

  @Test
  void decodesItsItemsBack() {
    TimelinePage page = TimelinePage.of(items, "n");

    assertThat(page.items())
        .map(Interaction::toJson)
        .isEqualTo(asTree(null).getJsonArray("items").getList());
    assertThat(page.nextCursor()).isEqualTo("n");
  }

  @Test
  void anEmptyPageIsAnEmptyList() {
    assertThat(new JsonObject(TimelinePage.of(List.of(), null).toBuffer()))
        .isEqualTo(new JsonObject().put("items", new JsonArray()).putNull("nextCursor"));
  }
}
