package io.contacthub.hub.offers;

import io.contacthub.connector.Channel;
import io.contacthub.hub.offers.match.RuleMatcher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code offers.yaml} into a {@link RuleSet}, checking everything before anything is used:
 * unknown keys, triggers and channels, ids, ranges, dates, and that every text query parses. All
 * problems are reported at once, each naming its rule.
 */
public final class OfferRulesParser {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final int MAX_RULES = 10_000;
  private static final Set<String> RULE_KEYS =
      Set.of(
          "id",
          "name",
          "triggers",
          "channels",
          "text",
          "customer",
          "eligibility",
          "priority",
          "expectedValue",
          "script",
          "action");
  private static final Set<String> CUSTOMER_KEYS =
      Set.of("segments", "minValue", "maxValue", "products", "tags");
  private static final Set<String> ELIGIBILITY_KEYS =
      Set.of("maxShows", "perDays", "declineCooldownDays", "validFrom", "validUntil");

  private OfferRulesParser() {}

  public static RuleSet parse(String yaml, Instant now) throws InvalidRulesException {
    Object tree;
    try {
      tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      throw new InvalidRulesException(List.of("not valid YAML: " + firstLine(e.getMessage())));
    }
    // An empty file is refused rather than read as "no rules": a file caught half-written (or
    // emptied by mistake) must not switch every offer off. "offers: []" does that on purpose.
    if (!(plain(tree) instanceof JsonObject root)
        || !(root.getValue("offers") instanceof JsonArray list)) {
      throw new InvalidRulesException(List.of("the file must be a map with a list 'offers'"));
    }
    if (list.size() > MAX_RULES) {
      throw new InvalidRulesException(List.of("more than " + MAX_RULES + " rules"));
    }
    List<String> problems = new ArrayList<>();
    List<OfferRule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Problems p =
          new Problems(i, list.getValue(i) instanceof JsonObject o ? o.getString("id") : null);
      if (!(list.getValue(i) instanceof JsonObject rule)) {
        p.add("must be a map");
      } else {
        OfferRule r = rule(rule, p);
        if (r != null && !ids.add(r.id())) {
          p.add("duplicate id");
        }
        if (p.none()) {
          rules.add(r);
        }
      }
      problems.addAll(p.list);
    }
    if (!problems.isEmpty()) {
      throw new InvalidRulesException(problems);
    }
    return RuleSet.of(rules, version(yaml), now);
  }

  private static OfferRule rule(JsonObject r, Problems p) {
    unknownKeys(r, RULE_KEYS, "", p);
    String id = r.getValue("id") instanceof String s ? s : null;
    if (id == null || !ID.matcher(id).matches()) {
      p.add("id must be 1-64 characters of a-z, 0-9, '.', '_', '-'");
    }
    String name = r.getValue("name") instanceof String s ? s : id;
    Set<Trigger> triggers = EnumSet.noneOf(Trigger.class);
    for (String t : strings(r, "triggers", p)) {
      Trigger.fromWireName(t).ifPresentOrElse(triggers::add, () -> p.add("unknown trigger " + t));
    }
    if (triggers.isEmpty()) {
      p.add(
          "triggers must name at least one of interaction.created, screen_pop, conversation.reopened");
    }
    Set<Channel> channels = EnumSet.noneOf(Channel.class);
    for (String c : strings(r, "channels", p)) {
      Channel.fromWireName(c).ifPresentOrElse(channels::add, () -> p.add("unknown channel " + c));
    }
    String text = null;
    if (r.containsKey("text")) {
      if (!(r.getValue("text") instanceof String s) || s.isBlank()) {
        p.add("text must be a non-empty Lucene query");
      } else {
        try {
          RuleMatcher.validate(s);
          text = s;
        } catch (IllegalArgumentException e) {
          p.add("text does not parse: " + e.getMessage());
        }
      }
    }
    CustomerCondition customer = customer(r.getValue("customer"), p);
    Eligibility eligibility = eligibility(r.getValue("eligibility"), p);
    int priority = (int) number(r, "priority", 0, p);
    Double expectedValue = r.containsKey("expectedValue") ? number(r, "expectedValue", 0, p) : null;
    String script = r.getValue("script") instanceof String s ? s : null;
    if (script == null || script.isBlank()) {
      p.add("script (what the agent says) is required");
    }
    JsonObject action = new JsonObject();
    if (r.containsKey("action")) {
      if (r.getValue("action") instanceof JsonObject a) {
        action = a;
      } else {
        p.add("action must be a map");
      }
    }
    return p.none()
        ? new OfferRule(
            id,
            name,
            triggers,
            channels,
            text,
            customer,
            eligibility,
            priority,
            expectedValue,
            script,
            action)
        : null;
  }

  private static CustomerCondition customer(Object value, Problems p) {
    if (value == null) {
      return CustomerCondition.ANY;
    }
    if (!(value instanceof JsonObject c)) {
      p.add("customer must be a map");
      return null;
    }
    unknownKeys(c, CUSTOMER_KEYS, "customer.", p);
    Double min = c.containsKey("minValue") ? number(c, "minValue", 0, p) : null;
    Double max = c.containsKey("maxValue") ? number(c, "maxValue", 0, p) : null;
    if (min != null && max != null && min > max) {
      p.add("customer.minValue is above customer.maxValue");
    }
    return new CustomerCondition(
        Set.copyOf(strings(c, "segments", p)),
        min,
        max,
        Set.copyOf(strings(c, "products", p)),
        Set.copyOf(strings(c, "tags", p)));
  }

  private static Eligibility eligibility(Object value, Problems p) {
    if (value == null) {
      return Eligibility.ALWAYS;
    }
    if (!(value instanceof JsonObject e)) {
      p.add("eligibility must be a map");
      return null;
    }
    unknownKeys(e, ELIGIBILITY_KEYS, "eligibility.", p);
    int maxShows = (int) number(e, "maxShows", 0, p);
    double perDays = number(e, "perDays", 30, p);
    double cooldown = number(e, "declineCooldownDays", 0, p);
    if (maxShows < 0 || perDays <= 0 || cooldown < 0) {
      p.add("eligibility: maxShows and declineCooldownDays must be >= 0, perDays > 0");
    }
    Instant from = date(e, "validFrom", false, p);
    Instant until = date(e, "validUntil", true, p);
    if (from != null && until != null && from.isAfter(until)) {
      p.add("eligibility.validFrom is after eligibility.validUntil");
    }
    return new Eligibility(maxShows, days(perDays), days(cooldown), from, until);
  }

  private static Duration days(double d) {
    return Duration.ofSeconds(Math.round(Math.max(0, d) * 86_400));
  }

  /** A date ({@code 2026-12-31}: the whole day counts) or an ISO instant. */
  private static Instant date(JsonObject o, String key, boolean endOfDay, Problems p) {
    if (!(o.getValue(key) instanceof String s)) {
      if (o.containsKey(key)) {
        p.add("eligibility." + key + " must be a date (YYYY-MM-DD) or an ISO instant");
      }
      return null;
    }
    try {
      return s.length() == 10
          ? (endOfDay
              ? LocalDate.parse(s)
                  .plusDays(1)
                  .atStartOfDay(ZoneOffset.UTC)
                  .toInstant()
                  .minusMillis(1)
              : LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant())
          : Instant.parse(s);
    } catch (DateTimeParseException e) {
      p.add("eligibility." + key + " is not a date: " + s);
      return null;
    }
  }

  private static double number(JsonObject o, String key, double absent, Problems p) {
    Object v = o.getValue(key);
    if (v == null) {
      return absent;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    p.add(key + " must be a number");
    return absent;
  }

  private static List<String> strings(JsonObject o, String key, Problems p) {
    Object v = o.getValue(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    if (v instanceof JsonArray a && a.stream().allMatch(x -> x instanceof String)) {
      return a.stream().map(String.class::cast).toList();
    }
    p.add(key + " must be a string or a list of strings");
    return List.of();
  }

  private static void unknownKeys(JsonObject o, Set<String> known, String prefix, Problems p) {
    o.fieldNames().stream()
        .filter(k -> !known.contains(k))
        .sorted()
        .forEach(k -> p.add("unknown key " + prefix + k));
  }

  /** YAML's maps, lists and dates as JSON types (a bare YAML date becomes an ISO string). */
  private static Object plain(Object yaml) {
    if (yaml instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
      return new JsonObject(out);
    }
    if (yaml instanceof List<?> l) {
      return new JsonArray(l.stream().map(OfferRulesParser::plain).toList());
    }
    if (yaml instanceof Date d) {
      String iso = d.toInstant().toString();
      return iso.endsWith("T00:00:00Z") ? iso.substring(0, 10) : iso;
    }
    return yaml;
  }

  private static String version(String yaml) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse(s);
  }

  /** The problems of one rule, each prefixed with where it is. */
  private static final class Problems {
    private final String where;
    private final List<String> list = new ArrayList<>();

    Problems(int index, String id) {
      this.where = "offers[" + index + "]" + (id == null ? "" : " (" + id + ")") + ": ";
    }

    void add(String problem) {
      list.add(where + problem);
    }

    boolean none() {
      return list.isEmpty();
    }
  }
}
