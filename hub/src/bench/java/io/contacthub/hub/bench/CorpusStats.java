package io.contacthub.hub.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What the generated corpus holds; kept next to it so a reused corpus still describes itself. */
record CorpusStats(
    long interactions,
    int customers,
    long heavyInteractions,
    long emailReplies,
    int linkingMessages,
    long words,
    int minWords,
    int maxWords,
    Map<String, Long> byChannel) {

  static CorpusStats read(Path file) throws IOException {
    JsonObject j = new JsonObject(Files.readString(file));
    Map<String, Long> channels = new TreeMap<>();
    j.getJsonObject("byChannel")
        .forEach(e -> channels.put(e.getKey(), ((Number) e.getValue()).longValue()));
    return new CorpusStats(
        j.getLong("interactions"),
        j.getInteger("customers"),
        j.getLong("heavyInteractions"),
        j.getLong("emailReplies"),
        j.getInteger("linkingMessages"),
        j.getLong("words"),
        j.getInteger("minWords"),
        j.getInteger("maxWords"),
        channels);
  }

  void write(Path file) throws IOException {
    JsonObject channels = new JsonObject();
    byChannel.forEach(channels::put);
    JsonObject j =
        new JsonObject()
            .put("interactions", interactions)
            .put("customers", customers)
            .put("heavyInteractions", heavyInteractions)
            .put("emailReplies", emailReplies)
            .put("linkingMessages", linkingMessages)
            .put("words", words)
            .put("minWords", minWords)
            .put("maxWords", maxWords)
            .put("byChannel", channels);
    Files.writeString(file, j.encodePrettily());
  }

  String describe() {
    StringBuilder channels = new StringBuilder();
    byChannel.forEach(
        (c, n) ->
            channels.append(String.format(Locale.ROOT, " %s %.1f%%", c, 100.0 * n / interactions)));
    return String.format(
        Locale.ROOT,
        "%,d interactions of %,d customers; heavy customer %,d (%.1f%%); %,d email replies"
            + " (inReplyTo + References); %,d merge-linking messages; body %d-%d words, mean %.0f;"
            + " channels:%s",
        interactions,
        customers,
        heavyInteractions,
        100.0 * heavyInteractions / interactions,
        emailReplies,
        linkingMessages,
        minWords,
        maxWords,
        (double) words / interactions,
        channels);
  }

  /** Accumulates the figures while the generator writes. */
  static final class Counter {
    private long interactions;
    private long heavy;
    private long replies;
    private int links;
    private long words;
    private int minWords = Integer.MAX_VALUE;
    private int maxWords;
    private final Map<String, Long> byChannel = new TreeMap<>();

    void add(String channel, int wordCount, boolean heavyCustomer, boolean reply) {
      interactions++;
      heavy += heavyCustomer ? 1 : 0;
      replies += reply ? 1 : 0;
      words += wordCount;
      minWords = Math.min(minWords, wordCount);
      maxWords = Math.max(maxWords, wordCount);
      byChannel.merge(channel, 1L, Long::sum);
    }

    void link() {
      links++;
    }

    CorpusStats result(int customers) {
      return new CorpusStats(
          interactions, customers, heavy, replies, links, words, minWords, maxWords, byChannel);
    }
  }
}
