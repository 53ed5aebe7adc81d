package io.contacthub.hub.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * Writes the corpus with a fixed seed: conversations ("chains") of one customer on one channel,
 * {@value #ACTIVE_CHAINS} of them under way at any time and interleaved, so replies follow their
 * message minutes to hours later and the file is in time order, like live traffic.
 *
 * <ul>
 *   <li>Customer 0 is the heavy one: {@value #HEAVY_SHARE_PERCENT}% of the chains, about a tenth of
 *       the interactions (a deep timeline). Other chains go to a customer not seen yet, until all
 *       have been, or to a known one, biased towards early customers (a long-tailed number of
 *       contacts per customer).
 *   <li>A customer's first message carries all its identities, verified (a signed-in channel or a
 *       CRM sync). One in ten multi-identity customers instead shows up on two channels separately
 *       (two customers in the hub) and is linked by its third chain: a merge.
 *   <li>Email chains are reply chains: messageId, inReplyTo and the References header.
 * </ul>
 */
final class CorpusGenerator {

  static final int ACTIVE_CHAINS = 200;
  static final int HEAVY_SHARE_PERCENT = 12;
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  /** About 63 s between interactions: 1,000,000 span two years. */
  static final long STEP_MILLIS = 63_072;

  private static final String[] CHANNELS = {
    "email", "webchat", "phone", "whatsapp", "messenger", "instagram", "telegram"
  };
  private static final int[] CHANNEL_WEIGHTS = {35, 12, 10, 25, 7, 4, 7};
  private static final double MEAN_CHAIN_LENGTH = 3.6;

  private final long seed;
  private final int interactions;
  private final int customers;
  private final Random random;
  private final Vocabulary vocabulary;
  private final BitSet seen = new BitSet();
  private final byte[] chainsOf;
  private final double introduceChance;
  private int introduced = 1; // the heavy customer exists from the start
  private final CorpusStats.Counter stats = new CorpusStats.Counter();

  private static final class Chain {
    final CustomerIdentities customer;
    final String channel;
    final int number; // how many chains this customer had before
    final List<String> messageIds = new ArrayList<>();
    int left;
    int sent;
    String subject;
    boolean inbound;

    Chain(CustomerIdentities customer, String channel, int number, int length) {
      this.customer = customer;
      this.channel = channel;
      this.number = number;
      this.left = length;
    }
  }

  CorpusGenerator(long seed, int interactions, int customers) {
    this.seed = seed;
    this.interactions = interactions;
    this.customers = customers;
    this.random = new Random(seed);
    this.vocabulary = new Vocabulary(seed);
    this.chainsOf = new byte[customers];
    double typicalChains = (100 - HEAVY_SHARE_PERCENT) / 100.0 * interactions / MEAN_CHAIN_LENGTH;
    // Everyone has shown up by about 70% of the corpus.
    this.introduceChance = Math.min(1, (customers - 1) / (0.7 * typicalChains));
  }

  CorpusStats write(Path file) throws IOException {
    Chain[] active = new Chain[ACTIVE_CHAINS];
    for (int i = 0; i < active.length; i++) {
      active[i] = newChain();
    }
    try (CorpusFile.Writer out = new CorpusFile.Writer(file)) {
      for (int n = 0; n < interactions; n++) {
        int slot = random.nextInt(active.length);
        Chain chain = active[slot];
        Instant at = START.plusMillis(n * STEP_MILLIS);
        out.write(chain.customer.index(), message(chain, n, at).encode());
        if (--chain.left == 0) {
          active[slot] = newChain();
        }
      }
    }
    return stats.result(seen.cardinality());
  }

  private Chain newChain() {
    int customer;
    if (random.nextInt(100) < HEAVY_SHARE_PERCENT) {
      customer = 0;
    } else if (introduced < customers && random.nextDouble() < introduceChance) {
      customer = introduced++;
    } else {
      // Early customers have had more time to write: bias the pick towards them.
      double u = random.nextDouble();
      customer = 1 + (int) ((introduced - 1) * u * u);
      customer = Math.min(customer, Math.max(1, introduced - 1));
    }
    CustomerIdentities who = CustomerIdentities.of(customer, seed);
    String channel = channelFor(who);
    int number = chainsOf[customer];
    if (number < Byte.MAX_VALUE) {
      chainsOf[customer]++;
    }
    int length =
        switch (channel) {
          case "email" -> 1 + geometric(0.45, 7);
          case "phone" -> random.nextInt(5) == 0 ? 2 : 1;
          default -> 2 + random.nextInt(7);
        };
    Chain chain = new Chain(who, channel, number, length);
    chain.inbound = random.nextInt(100) < 85;
    return chain;
  }

  private int geometric(double p, int max) {
    int k = 0;
    while (k < max && random.nextDouble() > p) {
      k++;
    }
    return k;
  }

  private String channelFor(CustomerIdentities who) {
    int[] weights = new int[CHANNELS.length];
    int total = 0;
    for (int c = 0; c < CHANNELS.length; c++) {
      weights[c] = reachable(who, CHANNELS[c]) ? CHANNEL_WEIGHTS[c] : 0;
      total += weights[c];
    }
    int x = random.nextInt(total);
    for (int c = 0; c < CHANNELS.length; c++) {
      x -= weights[c];
      if (x < 0) {
        return CHANNELS[c];
      }
    }
    throw new IllegalStateException("unreachable customer " + who.index());
  }

  private static boolean reachable(CustomerIdentities who, String channel) {
    return switch (channel) {
      case "email", "webchat" -> who.email() != null;
      case "phone", "whatsapp" -> who.phone() != null;
      case "telegram" -> who.telegram() != null;
      case "messenger" -> who.messenger() != null;
      case "instagram" -> who.instagram() != null;
      default -> false;
    };
  }

  private JsonObject message(Chain chain, int n, Instant at) {
    boolean first = chain.sent++ == 0;
    if (!first) {
      chain.inbound = random.nextInt(5) == 0 ? chain.inbound : !chain.inbound;
    }
    int words =
        switch (chain.channel) {
          case "email" -> 60 + (int) (340 * Math.pow(random.nextDouble(), 1.5));
          case "phone" -> 40 + random.nextInt(161);
          default -> 20 + random.nextInt(61);
        };
    String externalId = chain.channel + "-" + Long.toString(seed, 36) + "-" + n;
    JsonObject m =
        new JsonObject()
            .put("channel", chain.channel)
            .put("externalId", externalId)
            .put("direction", chain.inbound ? "inbound" : "outbound")
            .put("occurredAt", at.toString())
            .put("identities", identities(chain, first));
    if (chain.channel.equals("email")) {
      emailThread(chain, m, externalId);
    } else if (chain.channel.equals("phone")) {
      m.put("kind", "call");
    }
    String text = vocabulary.text(random, words);
    m.put("text", text);
    stats.add(chain.channel, words, chain.customer.index() == 0, m.containsKey("inReplyTo"));
    return m;
  }

  private void emailThread(Chain chain, JsonObject m, String externalId) {
    String messageId = "<" + externalId + "@mail.example.com>";
    if (chain.subject == null) {
      chain.subject = vocabulary.subject(random);
      m.put("subject", chain.subject);
    } else {
      m.put("subject", "Re: " + chain.subject);
      m.put("inReplyTo", chain.messageIds.getLast());
      m.put("references", String.join(" ", chain.messageIds));
    }
    m.put("messageId", messageId);
    chain.messageIds.add(messageId);
  }

  /** Sender first; see the class comment for when a message carries every identity. */
  private JsonArray identities(Chain chain, boolean firstOfChain) {
    CustomerIdentities who = chain.customer;
    boolean lateLink = who.count() >= 2 && who.index() % 10 == 7;
    boolean all = lateLink ? firstOfChain && chain.number == 2 : !seen.get(who.index());
    seen.set(who.index());
    JsonArray out = new JsonArray();
    JsonObject sender = sender(who, chain.channel);
    out.add(sender);
    if (chain.channel.equals("webchat")) {
      out.add(CustomerIdentities.identity("email", who.email(), false));
    }
    if (all) {
      for (JsonObject id : who.all(random)) {
        if (!id.getString("type").equals(sender.getString("type"))
            && !(chain.channel.equals("webchat") && id.getString("type").equals("email"))) {
          out.add(id);
        }
      }
      // Verified like the rest, so the message links whatever the hub already holds: with
      // concurrent requests a later message of the customer may be decided before this one.
      sender.put("verified", true);
      if (lateLink) {
        stats.link();
      }
    }
    return out;
  }

  private JsonObject sender(CustomerIdentities who, String channel) {
    return switch (channel) {
      case "email" -> CustomerIdentities.identity("email", who.email(), false);
      // A returning visitor keeps a browser cookie: a few visitor ids per customer, not one a chat.
      case "webchat" ->
          CustomerIdentities.identity(
              "visitor", "v-" + who.index() + "-" + random.nextInt(3), false);
      case "phone" ->
          CustomerIdentities.identity(
              "phone", CustomerIdentities.formatPhone(who.phone(), random), false);
      case "whatsapp" -> CustomerIdentities.identity("phone", "+" + who.phone(), true);
      case "telegram" -> CustomerIdentities.identity("telegram", who.telegram(), true);
      case "messenger" -> CustomerIdentities.identity("messenger", who.messenger(), true);
      case "instagram" -> CustomerIdentities.identity("instagram", who.instagram(), true);
      default -> throw new IllegalArgumentException(channel);
    };
  }
}
