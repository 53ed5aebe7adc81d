package io.contacthub.hub.bench;

import ch.qos.logback.classic.Level;
import io.contacthub.connector.Channel;
import io.contacthub.hub.identity.CustomerDirectory;
import io.contacthub.hub.ingest.CustomerChanges;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.offers.OfferContext;
import io.contacthub.hub.offers.OfferEngine;
import io.contacthub.hub.offers.OfferLedger;
import io.contacthub.hub.offers.OfferMetrics;
import io.contacthub.hub.offers.OfferRulesParser;
import io.contacthub.hub.offers.RuleSet;
import io.contacthub.hub.offers.Trigger;
import io.contacthub.hub.offers.match.RuleMatcher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offers benchmark (not a test): 1,000 rules, each message matched against all of them. Three
 * ways, same rules and messages: every query run against the message's {@code MemoryIndex} (the
 * baseline), the term pre-filter (only rules sharing a term with the message run), and the whole
 * selection (conditions, eligibility, text, ranking) as the hub does it per trigger. Single thread;
 * p99 per message is the figure (target <= 2 ms).
 *
 * <p>Run: {@code mvn -B -q -Pbench -pl hub -am integration-test -DskipTests
 * -Dbench.main=io.contacthub.hub.bench.OfferMatchBench -Dbench.scale=1}
 */
public final class OfferMatchBench {

  private static final int RULES = 1_000;
  private static final int FULL_MESSAGES = 20_000;

  private OfferMatchBench() {}

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
        .setLevel(Level.WARN);
    double scale = 1;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--scale")) {
        scale = Double.parseDouble(args[++i]);
      } else if (args[i].startsWith("--")) {
        i++; // the spine bench's other options: not used here
      }
    }
    int messages = Math.max(2_000, (int) Math.round(FULL_MESSAGES * scale));
    Random random = new Random(20_261_123L);
    Vocabulary words = new Vocabulary(7);
    String yaml = rules(words, random);
    RuleSet set = OfferRulesParser.parse(yaml, Instant.now());
    List<String> texts = new ArrayList<>(messages);
    for (int i = 0; i < messages; i++) {
      texts.add(words.text(random, 15 + random.nextInt(40)));
    }
    Report.say(
        "Offers benchmark: %,d rules, %,d messages of 15-55 words, 1 thread; load %s; %d cores, JDK %s",
        set.rules().size(),
        messages,
        MachineFacts.loadAverage(),
        MachineFacts.cores(),
        MachineFacts.jdk());

    RuleMatcher matcher = set.matcher();
    OfferEngine engine = engine(set);
    List<String> customers = List.of("c-high", "c-card", "c-plain");
    int[] n = {0};
    Function<String, Integer> baseline = t -> matcher.matchEveryQuery(t).cardinality();
    Function<String, Integer> prefiltered = t -> matcher.match(t).cardinality();
    Function<String, Integer> selection =
        t ->
            engine
                .select(
                    new OfferContext(
                        Set.of(Trigger.INTERACTION_CREATED),
                        Channel.WEBCHAT,
                        customers.get(n[0]++ % customers.size()),
                        "conv",
                        null,
                        t))
                .size();
    for (int round = 0; round < 2; round++) {
      // Round 0 warms the JIT up; round 1 is reported.
      boolean report = round == 1;
      run("baseline: every query on the MemoryIndex", baseline, texts, report);
      run("term pre-filter, then the candidates' queries", prefiltered, texts, report);
      run("whole selection (conditions, eligibility, text, rank)", selection, texts, report);
    }
    Report.say("load at end %s", MachineFacts.loadAverage());
  }

  /**
   * Wall time per message, and this thread's CPU time per message: on a shared, overloaded machine
   * the wall-time tail is mostly waiting for a core, the CPU time is what the matching costs.
   */
  private static void run(
      String name, Function<String, Integer> each, List<String> texts, boolean report) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Latencies wall = new Latencies();
    Latencies cpu = new Latencies();
    long matched = 0;
    long begin = System.nanoTime();
    for (String t : texts) {
      long c = threads.getCurrentThreadCpuTime();
      long s = System.nanoTime();
      matched += each.apply(t);
      wall.record(System.nanoTime() - s);
      cpu.record(threads.getCurrentThreadCpuTime() - c);
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    if (report) {
      Report.say(
          "%s: %.0f msg/s, %.2f results/msg",
          name, texts.size() / seconds, (double) matched / texts.size());
      Report.say("    wall %s", wall.summary());
      Report.say("    cpu  %s", cpu.summary());
    }
  }

  /**
   * 1,000 rules over contact-center words and the vocabulary's tail: single terms and OR lists
   * (55%), phrases (20%), AND pairs (15%), prefixes (5%), no text (5%); a third restricted to the
   * high segment, a third to card holders.
   */
  private static String rules(Vocabulary words, Random random) {
    JsonArray rules = new JsonArray();
    for (int i = 0; i < RULES; i++) {
      int kind = random.nextInt(100);
      String text;
      if (kind < 55) {
        List<String> terms = new ArrayList<>();
        for (int k = 1 + random.nextInt(4); k > 0; k--) {
          terms.add(
              random.nextBoolean() ? words.domainWord(random) : words.tailWord(random, 0, 5_000));
        }
        text = String.join(" OR ", terms);
      } else if (kind < 75) {
        text = "\"" + words.domainWord(random) + " " + words.domainWord(random) + "\"";
      } else if (kind < 90) {
        text = "+" + words.domainWord(random) + " +" + words.word(random);
      } else if (kind < 95) {
        String w = words.domainWord(random);
        text = w.substring(0, Math.min(4, w.length())) + "*";
      } else {
        text = null;
      }
      JsonObject rule =
          new JsonObject()
              .put("id", "rule-" + i)
              .put("triggers", new JsonArray().add("interaction.created"))
              .put("priority", random.nextInt(100))
              .put("expectedValue", random.nextInt(500))
              .put("script", "Offer " + i);
      if (text != null) {
        rule.put("text", text);
      }
      switch (i % 3) {
        case 0 ->
            rule.put("customer", new JsonObject().put("segments", new JsonArray().add("high")));
        case 1 ->
            rule.put(
                "customer", new JsonObject().put("products", new JsonArray().add("credit_card")));
        default -> {}
      }
      rules.add(rule);
    }
    // JSON is YAML.
    return new JsonObject().put("offers", rules).encodePrettily();
  }

  private static OfferEngine engine(RuleSet set) {
    CustomerDirectory directory = new CustomerDirectory();
    directory.apply(customer("c-high", new JsonObject().put("segment", "high")));
    directory.apply(
        customer("c-card", new JsonObject().put("products", new JsonArray().add("credit_card"))));
    directory.apply(customer("c-plain", new JsonObject()));
    CustomerChanges noWrites =
        new CustomerChanges() {
          @Override
          public <T> Future<T> changeCustomers(Change<T> change) {
            return Future.succeededFuture(change.decide(directory).result());
          }
        };
    return new OfferEngine(
        () -> set,
        directory,
        new OfferLedger(directory, noWrites),
        new OfferMetrics(new SimpleMeterRegistry(), () -> set),
        3,
        Clock.systemUTC());
  }

  private static Customer customer(String id, JsonObject attributes) {
    return new Customer(id, id, List.of(), Instant.now(), null, attributes);
  }
}
