package io.contacthub.hub.webchat;

import io.contacthub.hub.e2e.HubFixture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A hub with web chat sites for tests: "shop" (identifies users) and "other". */
public final class ChatHub {

  public static final String SITE = "shop";
  public static final String OTHER_SITE = "other";
  public static final String SITE_SECRET = "site-secret-of-the-shop-for-tests";

  private ChatHub() {}

  public static JsonObject config(String origin, String chatPageUrl, JsonObject extra) {
    JsonObject webchat =
        new JsonObject()
            .put(
                "sites",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", SITE)
                            .put("origins", new JsonArray().add(origin))
                            .put("secret", SITE_SECRET)
                            .put("chatPageUrl", chatPageUrl))
                    .add(
                        new JsonObject()
                            .put("id", OTHER_SITE)
                            .put("origins", new JsonArray().add("https://other.example"))))
            .mergeIn(extra, true);
    return new JsonObject().put("webchat", webchat);
  }

  public static HubFixture start(Path data, String origin, JsonObject overlay) {
    return start(data, Map.of(), origin, overlay);
  }

  public static HubFixture start(
      Path data, Map<String, String> env, String origin, JsonObject overlay) {
    Map<String, String> all = new HashMap<>(env);
    all.put("HUB_AUTH_JWT_SECRET", ChatTokens.JWT_SECRET);
    return HubFixture.start(data, all, overlay);
  }

  /**
   * Makes an agent able to take chats as routing sees it: the chat queue's skill, room for {@code
   * webchatCapacity} chats, and presence {@code presence}.
   */
  public static void agentPresence(
      HubFixture hub, String login, String token, int webchatCapacity, String presence) {
    hub.agentProfile(login, "chat", "webchat", webchatCapacity);
    hub.presence(token, presence);
  }

  /** The texts of a conversation's interactions, oldest first, as agents see them. */
  public static List<String> texts(HubFixture hub, String agentToken, String conversationId) {
    String customer =
        hub.get("/api/v1/conversations/" + conversationId, agentToken)
            .expect(200)
            .json()
            .getString("customerId");
    JsonArray items =
        hub.get("/api/v1/customers/" + customer + "/timeline?limit=100", agentToken)
            .expect(200)
            .json()
            .getJsonArray("items");
    List<String> texts =
        new java.util.ArrayList<>(
            items.stream()
                .map(o -> (JsonObject) o)
                .filter(i -> conversationId.equals(i.getString("conversationId")))
                .map(i -> i.getString("text"))
                .toList());
    java.util.Collections.reverse(texts);
    return texts;
  }
}
