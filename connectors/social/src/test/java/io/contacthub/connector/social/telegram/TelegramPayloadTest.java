package io.contacthub.connector.social.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.social.Payloads;
import io.contacthub.connector.social.inbound.SocialEvent;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TelegramPayloadTest {

  private final TelegramPayload payload = new TelegramPayload();

  @Test
  void aPrivateMessageIsNamedByChatAndMessageId() {
    InboundInteraction in =
        ((SocialEvent.Message) payload.parse(Payloads.json("telegram-message.json")).getFirst())
            .interaction();

    assertThat(in.externalId()).isEqualTo("1111111:1365");
    assertThat(in.identities())
        .containsExactly(new Identity(IdentityType.TELEGRAM, "1111111", false, "Test Lastname"));
    assertThat(in.occurredAt()).isEqualTo(Instant.ofEpochSecond(1441645532));
    assertThat(in.text()).isEqualTo("My parcel has not arrived");
    assertThat(in.extras().getJsonObject("telegram").getString("username")).isEqualTo("Test");
  }

  @Test
  void anEditUpdatesTheOriginalAtTheEditTime() {
    SocialEvent.Edit edit =
        (SocialEvent.Edit) payload.parse(Payloads.json("telegram-edited.json")).getFirst();

    assertThat(edit.update().externalId()).isEqualTo("1111111:1365");
    assertThat(edit.update().text()).isEqualTo("My parcel 4711 has not arrived");
    assertThat(edit.update().occurredAt()).isEqualTo(Instant.ofEpochSecond(1441646600));
    assertThat(edit.asNew().occurredAt()).isEqualTo(Instant.ofEpochSecond(1441645532));
  }

  @Test
  void groupChatsAndOtherUpdatesAreSkipped() {
    assertThat(payload.parse(Payloads.json("telegram-group.json"))).isEmpty();
    assertThat(payload.parse(new JsonObject().put("update_id", 5).put("poll", new JsonObject())))
        .isEmpty();
  }

  @Test
  void aSharedOwnContactIsAVerifiedPhone() {
    JsonObject body = Payloads.json("telegram-message.json");
    JsonObject m = body.getJsonObject("message");
    m.remove("text");
    m.put(
        "contact",
        new JsonObject()
            .put("phone_number", "16505551234")
            .put("first_name", "Test")
            .put("user_id", 1111111));
    InboundInteraction in = ((SocialEvent.Message) payload.parse(body).getFirst()).interaction();

    assertThat(in.identities()).contains(Identity.of(IdentityType.PHONE, "+16505551234", true));
  }

  @Test
  void malformedUpdatesAreRefused() {
    assertThatThrownBy(() -> payload.parse(new JsonObject().put("message", new JsonObject())))
        .hasMessage("$.update_id is missing");
    JsonObject noDate = Payloads.json("telegram-message.json");
    noDate.getJsonObject("message").remove("date");
    assertThatThrownBy(() -> payload.parse(noDate)).hasMessage("message.date is missing");
  }
}
