package io.contacthub.hub.routing.queues;

import io.contacthub.connector.Channel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * One queue from {@code routing.queues} in {@code hub.yaml}: which conversations it takes (empty
 * criteria match anything), the skill an agent needs to serve it, and its targets.
 *
 * @param serviceLevelThreshold a contact answered within this counts towards the service level
 * @param serviceLevelTarget the share (percent) of contacts the queue aims to answer in time
 * @param firstResponse the first-response SLA, or null for none
 * @param resolution the resolution SLA, or null for none
 */
public record QueueDefinition(
    String name,
    Set<Channel> channels,
    Set<String> languages,
    Set<String> segments,
    String skill,
    Duration serviceLevelThreshold,
    int serviceLevelTarget,
    Duration firstResponse,
    Duration resolution) {

  public QueueDefinition {
    channels = Set.copyOf(channels);
    languages = Set.copyOf(languages);
    segments = Set.copyOf(segments);
  }

  /** Whether a conversation with these properties belongs here (null values match no criterion). */
  public boolean matches(Channel channel, String language, String segment) {
    return (channels.isEmpty() || channels.contains(channel))
        && (languages.isEmpty() || (language != null && languages.contains(language)))
        && (segments.isEmpty() || (segment != null && segments.contains(segment)));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("channels", new JsonArray(channels.stream().map(Channel::wireName).sorted().toList()))
        .put("languages", new JsonArray(languages.stream().sorted().toList()))
        .put("segments", new JsonArray(segments.stream().sorted().toList()))
        .put("skill", skill)
        .put("serviceLevelSeconds", serviceLevelThreshold.toSeconds())
        .put("serviceLevelPercent", serviceLevelTarget)
        .put("firstResponseSeconds", firstResponse == null ? null : firstResponse.toSeconds())
        .put("resolutionSeconds", resolution == null ? null : resolution.toSeconds());
  }
}
