package io.contacthub.hub.e2e;

import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** One user's live stream in a test: frames in arrival order, read with a deadline. */
final class StreamFrames {

  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();

  /** Held while the frames are read: Vert.x closes an unreachable client and its sockets. */
  private final WebSocketClient client;

  private StreamFrames(WebSocketClient client) {
    this.client = client;
  }

  /** Connects and waits for the hello frame. */
  static StreamFrames open(HubFixture hub, String token) throws InterruptedException {
    WebSocketClient client = hub.clientVertx().createWebSocketClient();
    StreamFrames s = new StreamFrames(client);
    hub.openStream(
        client, token, ws -> ws.textMessageHandler(text -> s.frames.add(new JsonObject(text))));
    s.next(f -> "hello".equals(f.getString("type")));
    return s;
  }

  /** The next frame of a type, skipping others; fails after 10 s. */
  JsonObject next(String type) throws InterruptedException {
    return next(f -> type.equals(f.getString("type")));
  }

  /** The payload of the next {@code offer} frame. */
  JsonObject nextOffer() throws InterruptedException {
    return next("offer").getJsonObject("payload");
  }

  /**
   * The offer payloads up to and including the first one {@code last} accepts (offers of one
   * trigger arrive together, best first).
   */
  List<JsonObject> offersUntil(Predicate<JsonObject> last) throws InterruptedException {
    List<JsonObject> out = new ArrayList<>();
    while (true) {
      JsonObject o = nextOffer();
      out.add(o);
      if (last.test(o)) {
        return out;
      }
    }
  }

  /**
   * The offer payloads that arrive before the {@code interaction.created} frame of {@code
   * markerInteractionId}: an event to all staff reaches a user after any offer sent to them before
   * it, so these are all the offers sent before the marker was ingested.
   */
  List<JsonObject> offersBefore(String markerInteractionId) throws InterruptedException {
    List<JsonObject> offers = new ArrayList<>();
    next(
        f -> {
          if ("offer".equals(f.getString("type"))) {
            offers.add(f.getJsonObject("payload"));
          }
          return "interaction.created".equals(f.getString("type"))
              && markerInteractionId.equals(f.getJsonObject("payload").getString("interactionId"));
        });
    return offers;
  }

  JsonObject next(Predicate<JsonObject> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      JsonObject f = frames.poll(100, TimeUnit.MILLISECONDS);
      if (f != null && wanted.test(f)) {
        return f;
      }
    }
    throw new AssertionError("no such frame within 10 s");
  }

  /** Every frame received so far that nobody took. */
  List<JsonObject> drained() {
    List<JsonObject> out = new ArrayList<>();
    frames.drainTo(out);
    return out;
  }
}
