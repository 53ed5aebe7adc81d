package io.contacthub.hub.e2e;

import static io.contacthub.hub.e2e.Interactions.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live stream's {@code stream.filter} against a started hub, with real WebSocket clients: the
 * default gets every content event; {@code mine} only its offered, assigned or watched
 * conversations, but every pop and offer; {@code queues} also what waits in a queue the agent
 * serves; a new filter replaces the watch list; a bad frame gets an error and the socket stays.
 */
@Timeout(120)
class StreamFilterTest {

  private static final String CTI_TOKEN = "cti-token-for-filter-tests";

  @TempDir static Path data;
  static HubFixture hub;

  @BeforeAll
  static void start() {
    hub = HubFixture.start(data, Map.of("HUB_PHONE_CTI_TOKEN", CTI_TOKEN));
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static JsonObject filter(String conversations, String... watch) {
    return new JsonObject()
        .put("type", "stream.filter")
        .put("conversations", conversations)
        .put("watch", new JsonArray(List.of((Object[]) watch)));
  }

  /** Sends the filter and waits for its echo. */
  private static void apply(StreamRecorder s, JsonObject filter) {
    int before = s.ofType("stream.filter").size();
    s.send(filter);
    s.await(f -> "stream.filter".equals(f.type()) && s.ofType("stream.filter").size() > before);
  }

  private static JsonObject chat(String session, String text) {
    return message("webchat", "visitor", "v-" + session, text)
        .put("threadKeys", new JsonArray().add(session));
  }

  private static StreamRecorder.Frame created(StreamRecorder s, String text) {
    return s.await(f -> "interaction.created".equals(f.type()) && text.equals(textOf(f)));
  }

  private static List<String> createdTexts(StreamRecorder s) {
    return s.ofType("interaction.created").stream().map(StreamFilterTest::textOf).toList();
  }

  private static String textOf(StreamRecorder.Frame f) {
    return f.payload().getString("text");
  }

  @Test
  void filtersNarrowContentEventsButNeverPopsOrOffers() throws Exception {
    String ann = hub.userToken("ann", "agent");
    String bob = hub.userToken("bob", "agent");
    String carl = hub.userToken("carl", "agent");
    String dora = hub.userToken("dora", "agent");
    String sue = hub.userToken("sue", "supervisor");
    hub.agentProfile("ann", "chat", "webchat", 3);
    hub.agentProfile("bob", "chat", "webchat", 3);

    try (StreamRecorder annMine = new StreamRecorder(hub, ann);
        StreamRecorder bobQueues = new StreamRecorder(hub, bob);
        StreamRecorder carlMine = new StreamRecorder(hub, carl);
        StreamRecorder doraDefault = new StreamRecorder(hub, dora);
        StreamRecorder sueDefault = new StreamRecorder(hub, sue)) {
      // The echo is the effective filter.
      annMine.send(filter("mine"));
      JsonObject echo = annMine.await(f -> "stream.filter".equals(f.type())).json();
      assertThat(echo.getString("conversations")).isEqualTo("mine");
      assertThat(echo.getJsonArray("watch")).isEmpty();
      apply(bobQueues, filter("queues"));
      apply(carlMine, filter("mine"));

      // GIVEN nobody available, a chat waits in queue "chat", which bob serves.
      String conversation = hub.ingest(chat("s-filter-1", "first")).getString("conversationId");
      created(doraDefault, "first");
      created(sueDefault, "first");
      created(bobQueues, "first");
      sueDefault.await(
          f ->
              "conversation.updated".equals(f.type())
                  && conversation.equals(f.payload().getString("conversationId")));

      // WHEN carl watches it, he gets its next message.
      apply(carlMine, filter("mine", conversation));
      hub.ingest(chat("s-filter-1", "second"));
      created(carlMine, "second");
      created(bobQueues, "second");

      // WHEN ann becomes available, routing offers it to her: the offer reaches her filtered
      // stream, and from then on the conversation's messages do too.
      hub.presence(ann, "available");
      annMine.await(
          f ->
              "assignment.offered".equals(f.type())
                  && conversation.equals(f.payload().getString("conversationId")));
      hub.ingest(chat("s-filter-1", "third"));
      created(annMine, "third");
      assertThat(createdTexts(annMine)).containsExactly("third");

      // A new filter replaces the watch list: carl no longer gets it, then again once re-watched.
      apply(carlMine, filter("mine"));
      hub.ingest(chat("s-filter-1", "fourth"));
      created(annMine, "fourth");
      apply(carlMine, filter("mine", conversation));
      hub.ingest(chat("s-filter-1", "fifth"));
      created(carlMine, "fifth");
      assertThat(createdTexts(carlMine)).containsExactly("second", "third", "fifth");

      // Offered to ann, the conversation no longer waits: bob's queues filter drops it.
      created(annMine, "fifth");
      assertThat(createdTexts(bobQueues)).containsExactly("first", "second");

      // A pop for ann reaches her filtered stream.
      hub.cti(
              CTI_TOKEN,
              "event=newCall&from=493023125999&to=4930600000&direction=in&callId=filter-1&user%5B%5D=ann")
          .expect(200);
      assertThat(annMine.await(f -> "screen_pop".equals(f.type())).payload().getString("callId"))
          .isEqualTo("filter-1");

      // The unfiltered streams, agent and supervisor, got everything.
      created(doraDefault, "fifth");
      created(sueDefault, "fifth");
      assertThat(createdTexts(doraDefault))
          .containsSubsequence("first", "second", "third", "fourth", "fifth");
      assertThat(createdTexts(sueDefault))
          .containsSubsequence("first", "second", "third", "fourth", "fifth");
    }
  }

  @Test
  void aBadFilterFrameGetsAnErrorAndTheSocketKeepsWorking() throws Exception {
    String eve = hub.userToken("eve", "agent");
    try (StreamRecorder s = new StreamRecorder(hub, eve)) {
      s.send(new JsonObject().put("type", "stream.filter").put("conversations", "some"));
      assertThat(s.await(f -> "error".equals(f.type())).json().getString("detail"))
          .contains("\"all\", \"queues\" or \"mine\"");
      s.send(filter("mine").put("watch", "c-1"));
      s.await(f -> "error".equals(f.type()) && f.json().getString("detail").contains("watch"));
      s.send(new JsonObject().put("type", "subscribe"));
      s.await(f -> "error".equals(f.type()) && f.json().getString("detail").contains("subscribe"));

      // Still open, still the default: a new chat arrives, and a valid filter is accepted.
      hub.ingest(chat("s-filter-bad", "still here"));
      created(s, "still here");
      s.send(filter("queues", "c-1"));
      JsonObject echo = s.await(f -> "stream.filter".equals(f.type())).json();
      assertThat(echo.getString("conversations")).isEqualTo("queues");
      assertThat(echo.getJsonArray("watch").getList()).containsExactly("c-1");
    }
  }
}
