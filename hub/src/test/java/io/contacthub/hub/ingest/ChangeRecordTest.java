package io.contacthub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.AttachmentRef;
import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InteractionKind;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.JsonStream;
import io.contacthub.hub.model.NormalizedIdentity;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChangeRecordTest {

  private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123456789Z");

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void encodedRecordDecodesToAnEqualRecord(String name, ChangeRecord record) {
    // WHEN
    ChangeRecord back = ChangeRecord.decode(record.encode());

    // THEN
    assertThat(back).isEqualTo(record);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void encodingIsTheSameAsTheFormerJsonTree(String name, ChangeRecord record) {
    // GIVEN the record as the log held it before the streaming encoder
    byte[] former = formerEncode(record);

    // WHEN
    byte[] now = record.encode();

    // THEN
    assertThat(new JsonObject(Buffer.buffer(now))).isEqualTo(new JsonObject(Buffer.buffer(former)));
    assertThat(new String(now, StandardCharsets.UTF_8))
        .isEqualTo(new String(former, StandardCharsets.UTF_8));
    assertThat(ChangeRecord.decode(former)).isEqualTo(record);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void eachObjectsJsonAndStoredBytesAreAsBefore(String name, ChangeRecord record) {
    for (Interaction i : record.interactions()) {
      assertThat(i.toJson()).isEqualTo(formerJson(i));
      assertThat(JsonStream.encode(i, Interaction::writeJson))
          .isEqualTo(formerJson(i).toBuffer().getBytes());
    }
    for (Customer c : record.customers()) {
      assertThat(c.toJson()).isEqualTo(formerJson(c));
      assertThat(JsonStream.encode(c, Customer::writeJson))
          .isEqualTo(formerJson(c).toBuffer().getBytes());
    }
    for (Conversation c : record.conversations()) {
      assertThat(c.toJson()).isEqualTo(formerJson(c));
      assertThat(JsonStream.encode(c, Conversation::writeJson))
          .isEqualTo(formerJson(c).toBuffer().getBytes());
    }
  }

  static Stream<Object[]> records() {
    return Stream.of(
        new Object[] {"every optional field set", everythingSet()},
        new Object[] {"every optional field unset", everythingUnset()},
        new Object[] {
          "a merge of customers only",
          new ChangeRecord(
              ChangeRecord.Cause.MERGE,
              List.of(),
              List.of(fullCustomer("c-2", "c-1"), fullCustomer("c-3", null)),
              List.of())
        },
        new Object[] {
          "a status change",
          new ChangeRecord(
              ChangeRecord.Cause.STATUS,
              List.of(),
              List.of(),
              List.of(
                  new Conversation(
                      "v-9",
                      "c-1",
                      ConversationStatus.RESOLVED,
                      Set.of(Channel.PHONE),
                      "Ünïcødé \"quoted\" \\ <b>",
                      AT,
                      AT.plusSeconds(1),
                      0)))
        },
        new Object[] {
          "an empty record",
          new ChangeRecord(ChangeRecord.Cause.UPDATE, List.of(), List.of(), List.of())
        });
  }

  private static ChangeRecord everythingSet() {
    JsonObject extras =
        new JsonObject()
            .put("call", new JsonObject().put("durationSeconds", 125).put("answered", true))
            .put("notes", new JsonArray().add(new JsonObject().put("text", "line\nbreak \u2603")))
            .put("ratio", 0.25)
            .put("big", Long.MAX_VALUE)
            .put("nothing", (Object) null)
            .put("escaped", "tab\t quote\" slash\\ control\u0001 emoji \uD83D\uDE00");
    Interaction i =
        new Interaction(
            "i-1",
            42,
            Channel.EMAIL,
            "<msg-1@example.com>",
            Direction.OUTBOUND,
            InteractionKind.NOTE,
            AT,
            AT.plusMillis(5),
            "c-1",
            "v-1",
            List.of(
                new NormalizedIdentity(IdentityType.EMAIL, "a@example.com", true),
                new NormalizedIdentity(IdentityType.PHONE, "+14155550100", false)),
            List.of("email:msg-1@example.com", "email:msg-0@example.com"),
            "Subject with \"quotes\"",
            "Plain text — with unicode",
            "<p>html &amp; more</p>",
            List.of(
                new AttachmentRef("a-1", "invoice.pdf", "application/pdf", 12_345, null, false),
                new AttachmentRef(null, "logo.png", "image/png", 0, "https://x.test/m/1", true)),
            true,
            extras);
    return new ChangeRecord(
        ChangeRecord.Cause.INGEST,
        List.of(i, i.withSeq(43)),
        List.of(fullCustomer("c-1", null), fullCustomer("c-0", "c-1")),
        List.of(
            new Conversation(
                "v-1",
                "c-1",
                ConversationStatus.PENDING,
                EnumSet.of(Channel.TELEGRAM, Channel.EMAIL, Channel.WEBCHAT),
                "Subject",
                AT,
                AT.plusSeconds(60),
                7)));
  }

  private static Customer fullCustomer(String id, String mergedInto) {
    return new Customer(
        id,
        "Ada Lovelace",
        List.of(
            new NormalizedIdentity(IdentityType.EXTERNAL, "crm-1", true),
            new NormalizedIdentity(IdentityType.MESSENGER, "2400000000000247", false)),
        AT,
        mergedInto,
        new JsonObject()
            .put("interactionCounts", new JsonObject().put("email", 3L).put("phone", 1L))
            .put("value", 12.5)
            .put("tags", new JsonArray().add("vip").add("churn-risk")));
  }

  private static ChangeRecord everythingUnset() {
    Interaction i =
        new Interaction(
            "i-2",
            0,
            Channel.WHATSAPP,
            "wamid.1",
            Direction.INBOUND,
            InteractionKind.MESSAGE,
            AT,
            AT,
            "c-2",
            "v-2",
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            null);
    return new ChangeRecord(
        ChangeRecord.Cause.INGEST,
        List.of(i),
        List.of(new Customer("c-2", null, null, AT, null, null)),
        List.of(new Conversation("v-2", "c-2", ConversationStatus.OPEN, null, null, AT, AT, 1)));
  }

  /**
   * The encoder as it was, verbatim: a JSON tree of every object (the models' former toJson()),
   * then encoded by Vert.x. Records written by earlier versions look like this.
   */
  private static byte[] formerEncode(ChangeRecord r) {
    JsonArray i = new JsonArray();
    r.interactions().forEach(x -> i.add(formerJson(x)));
    JsonArray c = new JsonArray();
    r.customers().forEach(x -> c.add(formerJson(x)));
    JsonArray v = new JsonArray();
    r.conversations().forEach(x -> v.add(formerJson(x)));
    return new JsonObject()
        .put("cause", r.cause().name())
        .put("interactions", i)
        .put("customers", c)
        .put("conversations", v)
        .toBuffer()
        .getBytes();
  }

  private static JsonObject formerJson(Interaction x) {
    JsonArray ids = new JsonArray();
    x.identities().forEach(i -> ids.add(formerJson(i)));
    JsonArray atts = new JsonArray();
    for (AttachmentRef a : x.attachments()) {
      atts.add(
          new JsonObject()
              .put("id", a.id())
              .put("filename", a.filename())
              .put("contentType", a.contentType())
              .put("size", a.size())
              .put("url", a.url())
              .put("inline", a.inline()));
    }
    return new JsonObject()
        .put("interactionId", x.id())
        .put("seq", x.seq())
        .put("channel", x.channel().wireName())
        .put("externalId", x.externalId())
        .put("direction", x.direction().wireName())
        .put("kind", x.kind().wireName())
        .put("occurredAt", x.occurredAt().toString())
        .put("receivedAt", x.receivedAt().toString())
        .put("customerId", x.customerId())
        .put("conversationId", x.conversationId())
        .put("identities", ids)
        .put("threadKeys", new JsonArray(x.threadKeys()))
        .put("subject", x.subject())
        .put("text", x.text())
        .put("html", x.html())
        .put("attachments", atts)
        .put("automated", x.automated())
        .put("extras", x.extras());
  }

  private static JsonObject formerJson(Customer x) {
    JsonArray ids = new JsonArray();
    x.identities().forEach(i -> ids.add(formerJson(i)));
    return new JsonObject()
        .put("customerId", x.id())
        .put("displayName", x.displayName())
        .put("identities", ids)
        .put("createdAt", x.createdAt().toString())
        .put("mergedInto", x.mergedInto())
        .put("attributes", x.attributes());
  }

  private static JsonObject formerJson(Conversation x) {
    JsonArray chans = new JsonArray();
    new TreeSet<>(x.channels()).forEach(c -> chans.add(c.wireName()));
    return new JsonObject()
        .put("conversationId", x.id())
        .put("customerId", x.customerId())
        .put("status", x.status().wireName())
        .put("channels", chans)
        .put("subject", x.subject())
        .put("createdAt", x.createdAt().toString())
        .put("lastActivityAt", x.lastActivityAt().toString())
        .put("interactionCount", x.interactionCount());
  }

  private static JsonObject formerJson(NormalizedIdentity x) {
    return new JsonObject()
        .put("type", x.type().wireName())
        .put("value", x.value())
        .put("verified", x.verified());
  }
}
