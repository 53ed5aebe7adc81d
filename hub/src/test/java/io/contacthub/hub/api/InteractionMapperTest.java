package io.contacthub.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.contacthub.connector.Accepted;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.InteractionKind;
import io.contacthub.hub.model.HubException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class InteractionMapperTest {

  private static JsonObject phone() {
    return IngestApiTest.email("call-1").put("channel", "phone").put("kind", "call");
  }

  @Test
  void defaultsKindToMessageAndFlagsToFalse() {
    InboundInteraction i = InteractionMapper.fromJson(IngestApiTest.email("m-1"), false);

    assertThat(i.kind()).isEqualTo(InteractionKind.MESSAGE);
    assertThat(i.automated()).isFalse();
    assertThat(i.html()).isNull();
    assertThat(i.thread().keys()).isEmpty();
    assertThat(i.thread().conversationId()).isNull();
  }

  @Test
  void emailReferencesHeaderIsSplitAndDeduplicated() {
    JsonObject body =
        IngestApiTest.email("m-2")
            .put("references", "  <a@x>\t<b@x>\n <a@x> ")
            .put("inReplyTo", "<b@x>")
            .put("messageId", "  <c@x> ")
            .put("threadKeys", new JsonArray().add("<c@x>").add(" "));

    InboundInteraction i = InteractionMapper.fromJson(body, false);

    assertThat(i.thread().references()).containsExactly("email:a@x", "email:b@x");
    assertThat(i.thread().keys()).containsExactly("email:c@x");
  }

  @Test
  void otherChannelsKeepKeysAsGivenButNamespaced() {
    JsonObject body =
        phone()
            .put("threadKeys", new JsonArray().add("call-77"))
            .put("references", "<whole string> is one key")
            .put("messageId", "<m>");

    InboundInteraction i = InteractionMapper.fromJson(body, false);

    assertThat(i.thread().keys()).containsExactly("phone:call-77", "phone:<m>");
    assertThat(i.thread().references()).containsExactly("phone:<whole string> is one key");
    assertThat(i.kind()).isEqualTo(InteractionKind.CALL);
  }

  @Test
  void errorsNameTheField() {
    JsonObject noIdentities = IngestApiTest.email("m-3").put("identities", new JsonArray());
    JsonObject badKey = IngestApiTest.email("m-4").put("threadKeys", new JsonArray().add(5));
    JsonObject badValue = IngestApiTest.email("m-5");
    badValue.getJsonArray("identities").getJsonObject(0).put("value", 42);

    assertThat(detail(noIdentities)).startsWith("identities:");
    assertThat(detail(badKey)).startsWith("threadKeys[0]:");
    assertThat(detail(badValue)).startsWith("identities[0].value:");
    assertThat(detail(IngestApiTest.email("m-6").put("direction", "sideways")))
        .startsWith("direction:");
  }

  @Test
  void acceptedToJson() {
    assertThat(InteractionMapper.toJson(new Accepted("i", "c", "v", true)))
        .isEqualTo(
            new JsonObject()
                .put("interactionId", "i")
                .put("customerId", "c")
                .put("conversationId", "v")
                .put("duplicate", true));
  }

  private static String detail(JsonObject body) {
    Throwable failure = catchThrowable(() -> InteractionMapper.fromJson(body, false));
    assertThat(failure).isInstanceOf(HubException.class);
    assertThat(((HubException) failure).status()).isEqualTo(400);
    return ((HubException) failure).detail();
  }
}
