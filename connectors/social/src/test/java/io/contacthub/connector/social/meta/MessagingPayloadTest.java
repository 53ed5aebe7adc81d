package io.contacthub.connector.social.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.connector.Channel;
import io.contacthub.connector.DeliveryReceipt.DeliveryState;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.social.Payloads;
import io.contacthub.connector.social.inbound.SocialEvent;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MessagingPayloadTest {

  @Test
  void messengerMessagesReactionsAndReceiptsAreRead() {
    List<SocialEvent> events =
        new MessagingPayload(Channel.MESSENGER).parse(Payloads.json("messenger.json"));

    assertThat(events).hasSize(5).as("the echo of our own reply is skipped");
    InboundInteraction text = ((SocialEvent.Message) events.get(0)).interaction();
    assertThat(text.externalId())
        .isEqualTo(
            "m_toDnmD9RmIRUVoLHkxiZZ3lK1RIMMaDqoxn3CPRMJJDc2gTmm0Qyy2zTTKIiB6lNbR1gLk4v8yT4EZhX3uVPxg");
    assertThat(text.identities())
        .containsExactly(Identity.of(IdentityType.MESSENGER, "3845672920139485", false));
    assertThat(text.occurredAt()).isEqualTo(Instant.ofEpochMilli(1583173666767L));
    assertThat(text.text()).isEqualTo("hello, world!");

    InboundInteraction image = ((SocialEvent.Message) events.get(1)).interaction();
    assertThat(image.text()).isEqualTo("[image]");
    assertThat(image.attachments().getFirst().url())
        .isEqualTo("https://scontent.xx.fbcdn.net/v/t1.15752-9/89052323_image.png");

    InboundInteraction reaction = ((SocialEvent.Message) events.get(2)).interaction();
    assertThat(reaction.text()).isEqualTo("Reacted \u2764\uFE0F");
    assertThat(reaction.externalId()).startsWith("reaction:m_AG5Hz2Uq7tuwNEhX");

    SocialEvent.Status delivered = (SocialEvent.Status) events.get(3);
    assertThat(delivered.messageId()).isEqualTo("mid.1458668856218:ed81099e15d3f4f233");
    assertThat(delivered.state()).isEqualTo(DeliveryState.DELIVERED);
    SocialEvent.Watermark read = (SocialEvent.Watermark) events.get(4);
    assertThat(read.recipientId()).isEqualTo("3845672920139485");
    assertThat(read.at()).isEqualTo(Instant.ofEpochMilli(1583173669400L));
  }

  @Test
  void instagramUsesItsOwnObjectAndIdentity() {
    JsonObject ig = Payloads.json("messenger.json").put("object", "instagram");
    InboundInteraction in =
        ((SocialEvent.Message) new MessagingPayload(Channel.INSTAGRAM).parse(ig).getFirst())
            .interaction();

    assertThat(in.channel()).isEqualTo(Channel.INSTAGRAM);
    assertThat(in.identities().getFirst().type()).isEqualTo(IdentityType.INSTAGRAM);
    assertThatThrownBy(
            () -> new MessagingPayload(Channel.INSTAGRAM).parse(Payloads.json("messenger.json")))
        .hasMessage("object must be instagram");
  }

  @Test
  void aMessageWithoutTextOrAttachmentsIsRefused() {
    JsonObject body = Payloads.json("messenger.json");
    body.getJsonArray("entry")
        .getJsonObject(0)
        .getJsonArray("messaging")
        .getJsonObject(0)
        .getJsonObject("message")
        .remove("text");
    assertThatThrownBy(() -> new MessagingPayload(Channel.MESSENGER).parse(body))
        .hasMessage("entry[0].messaging[0].message has neither text nor attachments");
  }
}
