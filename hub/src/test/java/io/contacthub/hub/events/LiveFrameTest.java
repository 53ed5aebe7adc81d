package io.contacthub.hub.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LiveFrameTest {

  @Test
  void buildsASuppliedPayloadOnlyWhenEncodedAndOnlyOnce() {
    AtomicInteger built = new AtomicInteger();
    LiveFrame frame =
        new LiveFrame(
            "interaction.created",
            () -> {
              built.incrementAndGet();
              return new JsonObject().put("id", "i1");
            },
            Audience.STAFF,
            Set.of("c1"),
            Set.of(),
            7);

    assertThat(frame.conversationIds()).containsExactly("c1");
    assertThat(built).as("nothing built before a connection wants the frame").hasValue(0);

    String encoded = new String(frame.encoded(), StandardCharsets.UTF_8);
    assertThat(new JsonObject(encoded))
        .isEqualTo(
            new JsonObject()
                .put("type", "interaction.created")
                .put("seq", 7)
                .put("payload", new JsonObject().put("id", "i1")));
    assertThat(frame.toWire().getJsonObject("payload")).isEqualTo(new JsonObject().put("id", "i1"));
    assertThat(built).hasValue(1);
  }

  @Test
  void aFrameFromAnotherNodeCarriesItsPayload() {
    LiveFrame sent =
        new LiveFrame(
            "conversation.updated",
            new JsonObject().put("id", "c1"),
            Audience.STAFF,
            Set.of("c1"),
            Set.of());

    LiveFrame received = LiveFrame.fromWire(sent.toWire(), "node-b");

    assertThat(received.origin()).isEqualTo("node-b");
    assertThat(received.encoded()).isEqualTo(sent.encoded());
  }
}
