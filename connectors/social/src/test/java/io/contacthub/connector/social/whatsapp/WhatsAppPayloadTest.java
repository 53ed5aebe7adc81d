package io.contacthub.connector.social.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.connector.AttachmentRef;
import io.contacthub.connector.Channel;
import io.contacthub.connector.DeliveryReceipt.DeliveryState;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.social.Payloads;
import io.contacthub.connector.social.inbound.PayloadException;
import io.contacthub.connector.social.inbound.SocialEvent;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WhatsAppPayloadTest {

  private static final String GRAPH = "https://graph.example/v23.0";
  private final WhatsAppPayload payload = new WhatsAppPayload(Duration.ofHours(24), GRAPH);

  private List<InboundInteraction> messages(String file) {
    return payload.parse(Payloads.json(file)).stream()
        .map(e -> ((SocialEvent.Message) e).interaction())
        .toList();
  }

  @Test
  void aTextMessageIsFromAVerifiedPhoneWithItsWindow() {
    InboundInteraction in = messages("whatsapp-text.json").getFirst();

    assertThat(in.channel()).isEqualTo(Channel.WHATSAPP);
    assertThat(in.externalId())
        .isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
    assertThat(in.occurredAt()).isEqualTo(Instant.ofEpochSecond(1749416383));
    assertThat(in.identities())
        .containsExactly(new Identity(IdentityType.PHONE, "+16505551234", true, "Sheena Nelson"));
    assertThat(in.text()).isEqualTo("Does it come in another color?");
    assertThat(in.thread().keys())
        .containsExactly("whatsapp:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
    JsonObject wa = in.extras().getJsonObject("whatsapp");
    assertThat(wa.getString("phoneNumberId")).isEqualTo("106540352242922");
    assertThat(wa.getString("windowClosesAt"))
        .isEqualTo(Instant.ofEpochSecond(1749416383).plus(Duration.ofHours(24)).toString());
  }

  @Test
  void mediaBecomeMetadataWithAFetchableGraphReference() {
    List<InboundInteraction> in = messages("whatsapp-media.json");

    assertThat(in)
        .extracting(InboundInteraction::text)
        .containsExactly("Black Lab puppy", "Lena's invoice", "[audio]", "The latch sticks");
    AttachmentRef image = in.get(0).attachments().getFirst();
    assertThat(image.url()).isEqualTo(GRAPH + "/1003383421387256");
    assertThat(image.contentType()).isEqualTo("image/jpeg");
    assertThat(image.id()).as("not stored in the hub").isNull();
    assertThat(in.get(0).extras().getJsonObject("media").getString("sha256"))
        .isEqualTo("JIEoKZS1aFCbNdBg/mNLZ+ai6XH4oLaEyQSZ5D1HEh8=");
    assertThat(in.get(1).attachments().getFirst().filename()).isEqualTo("invoice-10045.pdf");
    assertThat(in.get(2).extras().getJsonObject("media").getBoolean("voice")).isTrue();
    assertThat(in.get(3).attachments().getFirst().contentType()).isEqualTo("video/mp4");
  }

  @Test
  void locationContactsRepliesAndReactionsKeepTheirStructure() {
    List<InboundInteraction> in = messages("whatsapp-structured.json");

    assertThat(in.get(0).text())
        .isEqualTo(
            "Location: Meta Headquarters, 1 Hacker Way, Menlo Park, CA 94025 (37.483307,"
                + " -122.148981)");
    assertThat(in.get(0).extras().getJsonObject("location").getDouble("longitude"))
        .isEqualTo(-122.148981);
    assertThat(in.get(1).text()).isEqualTo("Shared contact: Barbara J. Johnson +1 (940) 555-1234");
    assertThat(in.get(1).identities())
        .as("a shared card names someone else, never the sender")
        .containsExactly(new Identity(IdentityType.PHONE, "+16505551234", true, "Sheena Nelson"));
    assertThat(in.get(2).text()).isEqualTo("Reschedule");
    assertThat(in.get(2).extras().getJsonObject("interactive").getString("id"))
        .isEqualTo("reschedule-button");
    assertThat(in.get(2).thread().references())
        .containsExactly("whatsapp:wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NUQ3MTc1QjM4RjM2Q0U5RDgA");
    assertThat(in.get(3).text()).isEqualTo("Express Shipping");
    assertThat(in.get(3).extras().getJsonObject("interactive").getString("description"))
        .isEqualTo("Next day to 2 days");
    assertThat(in.get(4).text()).isEqualTo("Reacted \uD83D\uDE00");
    assertThat(in.get(4).extras().getJsonObject("reaction").getString("messageId"))
        .isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NUQ3MTc1QjM4RjM2Q0U5RDgA");
  }

  @Test
  void statusesNameOurMessageWithThePlatformTimeAndTheError() {
    List<SocialEvent> events = payload.parse(Payloads.json("whatsapp-statuses.json"));

    assertThat(events)
        .extracting(e -> ((SocialEvent.Status) e).state())
        .containsExactly(DeliveryState.READ, DeliveryState.DELIVERED, DeliveryState.FAILED);
    SocialEvent.Status delivered = (SocialEvent.Status) events.get(1);
    assertThat(delivered.messageId())
        .isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RjVBRDgyRDgxQ0I3RTkwMEQA");
    assertThat(delivered.at()).isEqualTo(Instant.ofEpochSecond(1750263773));
    assertThat(((SocialEvent.Status) events.get(2)).detail())
        .startsWith("WhatsApp error 131047: Re-engagement message")
        .contains("more than 24 hours");
  }

  @Test
  void malformedPayloadsNameTheField() {
    JsonObject noId = Payloads.json("whatsapp-text.json");
    firstMessage(noId).remove("id");
    assertThatThrownBy(() -> payload.parse(noId))
        .isInstanceOf(PayloadException.class)
        .hasMessage("entry[0].changes[0].value.messages[0].id is missing");

    JsonObject badFrom = Payloads.json("whatsapp-text.json");
    firstMessage(badFrom).put("from", "evil");
    assertThatThrownBy(() -> payload.parse(badFrom)).hasMessageContaining("not a WhatsApp number");

    assertThatThrownBy(() -> payload.parse(new JsonObject().put("object", "page")))
        .hasMessage("object must be whatsapp_business_account");
    assertThatThrownBy(
            () ->
                payload.parse(
                    new JsonObject()
                        .put("object", "whatsapp_business_account")
                        .put("entry", "nope")))
        .hasMessage("$.entry is not an array");
  }

  /** The first message of a webhook payload: {@code entry[0].changes[0].value.messages[0]}. */
  private static JsonObject firstMessage(JsonObject payload) {
    return payload
        .getJsonArray("entry")
        .getJsonObject(0)
        .getJsonArray("changes")
        .getJsonObject(0)
        .getJsonObject("value")
        .getJsonArray("messages")
        .getJsonObject(0);
  }
}
