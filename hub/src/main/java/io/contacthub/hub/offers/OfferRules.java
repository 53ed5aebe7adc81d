package io.contacthub.hub.offers;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules in force. A reload (the file changed, or {@code POST /api/v1/offers/rules/reload})
 * parses and validates the whole file off the event loop and swaps the set in one step; a file that
 * does not validate leaves the running set as it is and is reported (status API, log, the {@code
 * hub_offers_rules_reloads_total{result="invalid"}} counter).
 */
public final class OfferRules {

  private static final Logger LOG = LoggerFactory.getLogger(OfferRules.class);

  private final Vertx vertx;
  private final Path file;
  private final AtomicReference<RuleSet> current = new AtomicReference<>(RuleSet.EMPTY);
  private volatile OfferMetrics metrics;
  private volatile LoadError lastError;
  private volatile String lastStamp = "";
  private volatile String seenStamp = "";
  private long watchTimer = -1;

  /** The last failed load: when and every problem. */
  public record LoadError(Instant at, List<String> problems) {}

  public OfferRules(Vertx vertx, Path file) {
    this.vertx = vertx;
    this.file = file;
  }

  void metrics(OfferMetrics m) {
    this.metrics = m;
  }

  public RuleSet current() {
    return current.get();
  }

  /** Loads the file now; blocking (start-up). A missing file at start means no rules. */
  public void loadAtStart() {
    if (!Files.exists(file)) {
      LOG.info("no offer rules at {}: offers are off until the file exists", file.toAbsolutePath());
      return;
    }
    try {
      load();
    } catch (InvalidRulesException e) {
      // The hub's messaging must run even when the offers cannot: start without rules, say why.
      LOG.error("offer rules at {} are invalid; running without offers: {}", file, e.getMessage());
    }
  }

  /** Reloads off the event loop; fails with {@link InvalidRulesException}, the old set staying. */
  public Future<RuleSet> reload() {
    return vertx.executeBlocking(this::load, false);
  }

  /**
   * Checks the file's modification time and size every {@code interval}; reloads once a change has
   * held still for one interval (an editor may still be writing it).
   */
  public void watch(java.time.Duration interval) {
    if (interval.isZero()) {
      return;
    }
    watchTimer =
        vertx.setPeriodic(
            interval.toMillis(),
            id ->
                vertx
                    .executeBlocking(this::reloadIfChanged, false)
                    .onFailure(e -> LOG.debug("offer rules reload on change failed", e)));
  }

  private RuleSet reloadIfChanged() throws InvalidRulesException {
    String stamp = stamp();
    boolean settled = stamp.equals(seenStamp);
    seenStamp = stamp;
    return settled && !stamp.equals(lastStamp) ? load() : null;
  }

  public void stopWatching() {
    if (watchTimer >= 0) {
      vertx.cancelTimer(watchTimer);
    }
  }

  private synchronized RuleSet load() throws InvalidRulesException {
    String stamp = stamp();
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw failed(stamp, List.of("file not found: " + file));
    } catch (IOException e) {
      throw failed(stamp, List.of("cannot read " + file + ": " + e.getMessage()));
    }
    RuleSet set;
    try {
      set = OfferRulesParser.parse(yaml, Instant.now());
    } catch (InvalidRulesException e) {
      throw failed(stamp, e.problems());
    }
    current.set(set);
    lastStamp = stamp;
    lastError = null;
    if (metrics != null) {
      metrics.reloaded(true);
    }
    LOG.info(
        "offer rules loaded from {}: {} rules, version {}",
        file,
        set.rules().size(),
        set.version());
    return set;
  }

  private InvalidRulesException failed(String stamp, List<String> problems) {
    lastStamp = stamp;
    lastError = new LoadError(Instant.now(), problems);
    if (metrics != null) {
      metrics.reloaded(false);
    }
    LOG.warn("offer rules at {} not loaded, the running set stays: {}", file, problems);
    return new InvalidRulesException(problems);
  }

  /** Modification time and size: what the watcher compares. */
  private String stamp() {
    try {
      return Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file);
    } catch (IOException e) {
      return "missing";
    }
  }

  public JsonObject status() {
    RuleSet set = current.get();
    LoadError error = lastError;
    return new JsonObject()
        .put("file", file.toString())
        .put("version", set.version())
        .put("loadedAt", set.loadedAt().toString())
        .put("rules", new JsonArray(set.rules().stream().map(r -> (Object) r.summary()).toList()))
        .put(
            "lastError",
            error == null
                ? null
                : new JsonObject()
                    .put("at", error.at().toString())
                    .put("problems", new JsonArray(error.problems())));
  }
}
