package io.contacthub.hub.routing;

import io.contacthub.connector.Channel;
import io.contacthub.hub.config.ConfigChecks;
import io.contacthub.hub.config.ConfigException;
import io.contacthub.hub.routing.queues.QueueDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code routing} section of {@code hub.yaml}, validated once at start-up.
 *
 * @param offerTimeout how long an agent has to accept an offer before it goes to somebody else
 * @param stickyWait how long a conversation waits for its account owner or last agent
 * @param wrapUp after-call work time before an agent gets the next contact
 * @param shortAbandon contacts abandoned sooner than this count neither as abandoned nor in the
 *     service level (the customer hung up before anyone could have answered)
 * @param statsWindow the rolling window the answered/abandoned/handled metrics cover
 * @param slaWarningPercent a warning goes out once this share of an SLA target has elapsed
 * @param capacity the default number of contacts an agent handles at once, per channel
 */
public record RoutingConfig(
    Duration offerTimeout,
    Duration stickyWait,
    Duration wrapUp,
    Duration shortAbandon,
    Duration statsWindow,
    int slaWarningPercent,
    Map<Channel, Integer> capacity,
    List<QueueDefinition> queues) {

  public RoutingConfig {
    capacity = Map.copyOf(capacity);
    queues = List.copyOf(queues);
  }

  public static RoutingConfig from(JsonObject c) {
    Map<Channel, Integer> capacity = new EnumMap<>(Channel.class);
    for (Channel ch : Channel.values()) {
      capacity.put(ch, ch == Channel.PHONE ? 1 : ch == Channel.EMAIL ? 10 : 3);
    }
    JsonObject cap = c.getJsonObject("capacity", new JsonObject());
    for (String key : cap.fieldNames()) {
      Channel ch =
          Channel.fromWireName(key)
              .orElseThrow(() -> invalid("routing.capacity." + key, key, "a channel name"));
      capacity.put(ch, (int) number(cap, key, "routing.capacity." + key, 1, 0, 1000));
    }
    List<QueueDefinition> queues = new ArrayList<>();
    Set<String> names = new HashSet<>();
    JsonArray list = c.getJsonArray("queues", new JsonArray());
    for (int i = 0; i < list.size(); i++) {
      QueueDefinition q = queue(list.getJsonObject(i), "routing.queues[" + i + "]");
      if (!names.add(q.name())) {
        throw invalid("routing.queues[" + i + "].name", q.name(), "a name no other queue has");
      }
      queues.add(q);
    }
    if (queues.isEmpty()) {
      queues.add(queue(new JsonObject().put("name", "default"), "routing.queues"));
    }
    return new RoutingConfig(
        Duration.ofSeconds(
            number(c, "offerTimeoutSeconds", "routing.offerTimeoutSeconds", 30, 1, 3600)),
        Duration.ofSeconds(
            number(c, "stickyWaitSeconds", "routing.stickyWaitSeconds", 20, 0, 3600)),
        Duration.ofSeconds(number(c, "wrapUpSeconds", "routing.wrapUpSeconds", 30, 0, 3600)),
        Duration.ofSeconds(
            number(c, "shortAbandonSeconds", "routing.shortAbandonSeconds", 5, 0, 3600)),
        Duration.ofMinutes(
            number(c, "statsWindowMinutes", "routing.statsWindowMinutes", 60, 1, 1440)),
        (int) number(c, "slaWarningPercent", "routing.slaWarningPercent", 80, 1, 100),
        capacity,
        queues);
  }

  private static QueueDefinition queue(JsonObject q, String path) {
    String name = q.getString("name", "");
    if (!name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
      throw invalid(path + ".name", name, "a lower-case name of letters, digits, - and _");
    }
    Set<Channel> channels = new LinkedHashSet<>();
    for (String ch : strings(q, "channels")) {
      channels.add(
          Channel.fromWireName(ch).orElseThrow(() -> invalid(path + ".channels", ch, "a channel")));
    }
    long first =
        number(q, "firstResponseSeconds", path + ".firstResponseSeconds", 0, 0, 30L * 86400);
    long resolution =
        number(q, "resolutionSeconds", path + ".resolutionSeconds", 0, 0, 365L * 86400);
    String skill = q.getString("skill");
    return new QueueDefinition(
        name,
        channels,
        strings(q, "languages"),
        strings(q, "segments"),
        skill == null || skill.isBlank() ? null : skill,
        Duration.ofSeconds(
            number(q, "serviceLevelSeconds", path + ".serviceLevelSeconds", 20, 1, 86400)),
        (int) number(q, "serviceLevelPercent", path + ".serviceLevelPercent", 80, 1, 100),
        first == 0 ? null : Duration.ofSeconds(first),
        resolution == 0 ? null : Duration.ofSeconds(resolution));
  }

  private static Set<String> strings(JsonObject o, String key) {
    Set<String> out = new LinkedHashSet<>();
    o.getJsonArray(key, new JsonArray()).forEach(x -> out.add(String.valueOf(x)));
    return out;
  }

  private static long number(JsonObject o, String key, String path, long dflt, long min, long max) {
    return ConfigChecks.wholeNumber(o.getValue(key), path, dflt, min, max);
  }

  private static ConfigException invalid(String path, Object value, String expected) {
    return ConfigChecks.invalid(path, value, expected);
  }
}
