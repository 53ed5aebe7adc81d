package io.contacthub.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InteractionKind;
import io.contacthub.hub.model.HubException;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Validator;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The ingest routes check their bodies by hand ({@link InteractionMapper}, {@link
 * BatchIngest#items}); this holds those checks to {@code docs/openapi.yaml}. Bodies are derived
 * from the schema itself (every property missing, of every JSON type, at and past its length and
 * item limits, every enum value of the schema and of the Java enums, unknown properties, date-time
 * edge cases), and the hand checks must accept exactly what the contract's generic validator
 * accepts; for {@code occurredAt} also what {@link Instant#parse} reads, which the hub needs.
 */
class InteractionContractTest {

  private static final List<String> DATE_TIMES =
      List.of(
          "2025-03-01T09:30:00Z",
          "2025-03-01t09:30:00z",
          "2025-03-01 09:30:00Z",
          "2025-03-01T09:30:00",
          "2025-03-01T09:30:00.5Z",
          "2025-03-01T19:59:59.999Z",
          "2025-03-01T09:30:00.000000000Z",
          "2025-04-31T00:00:00Z",
          "2025-00-10T00:00:00Z",
          "2025-03-00T00:00:00Z",
          "2000-02-29T00:00:00Z",
          "1900-02-29T00:00:00Z",
          "0000-01-01T00:00:00Z",
          "2025-03-01T09:60:00Z",
          "2025-03-01T09:30:61Z",
          "2025-03-01T0a:30:00Z",
          "2025-03-01T09:30:00,5Z",
          "2025-03-01T09:30:00.5a5Z",
          "2025-03-01T09:30:00.+5Z",
          "2025-03-01T09:30:00.123456789Z",
          "2025-03-01T09:30:00.1234567891Z",
          "2025-03-01T09:30:00.Z",
          "2025-03-01T09:30:00+01:00",
          "2025-03-01T09:30:00-00:00",
          "2025-03-01T09:30:00+0100",
          "2025-03-01T09:30:00+01",
          "2025-03-01T09:30:00+01:00:30",
          "2025-03-01T09:30:00+01:00[Europe/Paris]",
          "2025-03-01T24:00:00Z",
          "2025-03-01T23:59:60Z",
          "2024-02-29T00:00:00Z",
          "2025-02-29T00:00:00Z",
          "2025-13-01T00:00:00Z",
          "2025-03-32T00:00:00Z",
          "+12025-03-01T00:00:00Z",
          "2025-03-01T09:30Z",
          "2025-03-01",
          "2025-03-01T09:30:00Z\n",
          " 2025-03-01T09:30:00Z",
          "yesterday",
          "");

  private static Vertx vertx;
  private static Validator single;
  private static Validator batch;
  private static JsonObject schemas;

  @BeforeAll
  static void load() throws Exception {
    vertx = Vertx.vertx();
    Contract contract = Contract.load(vertx);
    single = contract.bodyValidator("ingestInteraction").await();
    batch = contract.bodyValidator("ingestInteractionBatch").await();
    try (InputStream in =
        InteractionContractTest.class.getClassLoader().getResourceAsStream(Contract.RESOURCE)) {
      Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      schemas =
          new JsonObject(Json.encode(yaml)).getJsonObject("components").getJsonObject("schemas");
    }
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void knowsExactlyThePropertiesOfTheSchema() {
    assertThat(InteractionMapper.PROPERTIES)
        .containsExactlyInAnyOrderElementsOf(properties("InboundInteraction").fieldNames());
    assertThat(InteractionMapper.IDENTITY_PROPERTIES)
        .containsExactlyInAnyOrderElementsOf(properties("IdentityIn").fieldNames());
  }

  @Test
  void acceptsExactlyWhatTheContractAccepts() {
    List<JsonObject> bodies = new ArrayList<>();
    for (JsonObject base : List.of(minimal(), full())) {
      bodies.add(base);
      bodies.add(base.copy().put("occured_at", "2025-03-01T09:30:00Z"));
      for (JsonObject variant : variants(base, properties("InboundInteraction"))) {
        bodies.add(variant);
      }
      JsonObject identity = base.getJsonArray("identities").getJsonObject(0);
      List<JsonObject> identities = variants(identity, properties("IdentityIn"));
      identities.add(identity.copy().put("verifed", true));
      for (JsonObject id : identities) {
        bodies.add(base.copy().put("identities", new JsonArray().add(id)));
        bodies.add(base.copy().put("identities", new JsonArray().add(identity).add(id)));
      }
      for (String dateTime : DATE_TIMES) {
        bodies.add(base.copy().put("occurredAt", dateTime));
      }
    }

    List<String> disagreements = new ArrayList<>();
    int accepted = 0;
    for (JsonObject body : bodies) {
      boolean expected = contractAccepts(body);
      boolean actual = mapperAccepts(body);
      accepted += actual ? 1 : 0;
      if (expected != actual) {
        disagreements.add((expected ? "should accept: " : "should refuse: ") + shorten(body));
      } else if (actual) {
        // The common form is read without Instant.parse; it must read the same instant.
        assertThat(InteractionMapper.fromJson(body, true).occurredAt())
            .isEqualTo(Instant.parse(body.getString("occurredAt")));
      }
    }

    assertThat(disagreements).isEmpty();
    // Both verdicts occur often, so neither side can pass by accepting or refusing everything.
    assertThat(accepted).isGreaterThan(100);
    assertThat(bodies.size() - accepted).isGreaterThan(100);
  }

  @Test
  void batchEnvelopeAcceptsExactlyWhatTheContractAccepts() {
    JsonObject item = minimal();
    List<JsonObject> bodies =
        List.of(
            new JsonObject(),
            new JsonObject().put("items", new JsonArray()),
            new JsonObject().put("items", new JsonArray().add(item)),
            new JsonObject().put("items", new JsonArray().add(new JsonObject())),
            new JsonObject().put("items", new JsonArray().add(item).add("x")),
            new JsonObject().put("items", new JsonArray().add(item).add(new JsonArray())),
            new JsonObject().put("items", new JsonArray().addNull()),
            new JsonObject().put("items", copies(item, BatchIngest.MAX_ITEMS)),
            new JsonObject().put("items", copies(item, BatchIngest.MAX_ITEMS + 1)),
            new JsonObject().put("items", new JsonArray().add(item)).put("more", 1),
            new JsonObject().putNull("items"),
            new JsonObject().put("items", new JsonObject()),
            new JsonObject().put("items", "x"));

    for (JsonObject body : bodies) {
      boolean expected = Boolean.TRUE.equals(batch.validate(body).getValid());
      boolean actual = accepts(() -> BatchIngest.items(body));

      assertThat(actual).as(shorten(body)).isEqualTo(expected);
    }
  }

  private static boolean contractAccepts(JsonObject body) {
    if (!Boolean.TRUE.equals(single.validate(body).getValid())) {
      return false;
    }
    try {
      Instant.parse(body.getString("occurredAt"));
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean mapperAccepts(JsonObject body) {
    return accepts(() -> InteractionMapper.fromJson(body, true));
  }

  /** Whether the check passes; a refusal must be a 400 (anything else fails the test). */
  private static boolean accepts(Runnable check) {
    try {
      check.run();
      return true;
    } catch (HubException e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.detail()).isNotBlank();
      return false;
    }
  }

  /** The base with one property changed or removed, for every property of the schema. */
  private static List<JsonObject> variants(JsonObject base, JsonObject properties) {
    List<JsonObject> out = new ArrayList<>();
    for (String name : properties.fieldNames()) {
      JsonObject schema = resolve(properties.getJsonObject(name));
      JsonObject without = base.copy();
      without.remove(name);
      out.add(without);
      for (Object value : values(schema, base.getValue(name))) {
        out.add(base.copy().put(name, value));
      }
    }
    return out;
  }

  /** Values of every JSON type, and those at the edges of the schema's own limits. */
  private static List<Object> values(JsonObject schema, Object example) {
    List<Object> out =
        new ArrayList<>(
            List.of(
                "x",
                "",
                " ",
                7,
                7.5,
                true,
                false,
                new JsonObject(),
                new JsonObject().put("a", 1),
                new JsonArray(),
                new JsonArray().add("x"),
                new JsonArray().add(""),
                new JsonArray().add(7),
                new JsonArray().add(new JsonObject()),
                new JsonArray().addNull()));
    out.add(null);
    Stream.of(Channel.values(), Direction.values(), InteractionKind.values(), IdentityType.values())
        .flatMap(Stream::of)
        .map(e -> e.name().toLowerCase(java.util.Locale.ROOT))
        .forEach(out::add);
    schema.getJsonArray("enum", new JsonArray()).forEach(out::add);
    schema.getJsonArray("enum", new JsonArray()).forEach(v -> out.add(v.toString().toUpperCase()));
    for (String limit : List.of("minLength", "maxLength")) {
      Integer n = schema.getInteger(limit);
      if (n != null) {
        for (int length : List.of(n - 1, n, n + 1)) {
          if (length >= 0) {
            out.add("a".repeat(length));
            out.add("\uD83D\uDE00".repeat(length)); // one character, two UTF-16 units
          }
        }
      }
    }
    Integer maxItems = schema.getInteger("maxItems");
    if (maxItems != null) {
      Object item = example instanceof JsonArray a && !a.isEmpty() ? a.getValue(0) : "k";
      out.add(copies(item, maxItems));
      out.add(copies(item, maxItems + 1));
    }
    return out;
  }

  private static JsonObject properties(String schema) {
    return schemas.getJsonObject(schema).getJsonObject("properties");
  }

  private static JsonObject resolve(JsonObject schema) {
    String ref = schema.getString("$ref");
    return ref == null ? schema : schemas.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
  }

  private static JsonArray copies(Object item, int n) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < n; i++) {
      out.add(item);
    }
    return out;
  }

  /** A body with the required properties only. */
  private static JsonObject minimal() {
    return new JsonObject()
        .put("channel", "webchat")
        .put("externalId", "c-1")
        .put("direction", "inbound")
        .put("occurredAt", "2025-03-01T09:30:00Z")
        .put(
            "identities",
            new JsonArray().add(new JsonObject().put("type", "visitor").put("value", "v-1")))
        .put("text", "hi");
  }

  /** A body with every property. */
  private static JsonObject full() {
    return IngestApiTest.email("c-2")
        .put("kind", "call")
        .put("subject", "Re: order")
        .put("html", "<p>hi</p>")
        .put("threadKeys", new JsonArray().add("k"))
        .put("references", new JsonArray().add("r"))
        .put("messageId", "<m@x>")
        .put("inReplyTo", "<i@x>")
        .put("conversationId", "v-1")
        .put("automated", false)
        .put("extras", new JsonObject().put("spam", 0.1));
  }

  private static String shorten(JsonObject body) {
    String json = body.encode();
    return json.length() <= 300 ? json : json.substring(0, 300) + "...";
  }
}
