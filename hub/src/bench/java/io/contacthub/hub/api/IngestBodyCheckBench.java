package io.contacthub.hub.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * CPU per ingest body, on one thread, for the ways of checking it: decoding the JSON alone, the
 * contract's generic JSON Schema validator plus the mapping (the ingest routes before decision
 * 0018), and the typed check of {@link InteractionMapper} (after). Bodies are the lines of a spine
 * benchmark corpus ({@code hub/target/bench/corpus-*.tsv}, second column).
 *
 * <p>{@code java -cp <hub test class path> io.contacthub.hub.api.IngestBodyCheckBench CORPUS.tsv
 * [BODIES]}
 */
public final class IngestBodyCheckBench {

  private static final int ROUNDS = 7;

  private IngestBodyCheckBench() {}

  public static void main(String[] args) throws IOException {
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    List<Buffer> bodies = bodies(Path.of(args[0]), count);
    Vertx vertx = Vertx.vertx();
    try {
      Validator generic =
          Contract.load(vertx)
              .bodyValidator("ingestInteraction")
              .toCompletionStage()
              .toCompletableFuture()
              .join();
      Map<String, Consumer<Buffer>> checks = new LinkedHashMap<>();
      checks.put("decode only", Json::decodeValue);
      checks.put(
          "decode + generic schema validator + mapping",
          b -> {
            JsonObject json = (JsonObject) Json.decodeValue(b);
            if (!Boolean.TRUE.equals(generic.validate(json).getValid())) {
              throw new IllegalStateException("corpus body refused: " + json.encode());
            }
            InteractionMapper.fromJson(json, true);
          });
      checks.put(
          "decode + typed check and mapping (InteractionMapper)",
          b -> InteractionMapper.fromJson(JsonBodies.object(b), true));
      // The first pass warms every path up, so none is measured while the JIT compiles another.
      for (boolean report : new boolean[] {false, true}) {
        checks.forEach((what, check) -> measure(what, bodies, check, report));
      }
    } finally {
      vertx.close();
    }
  }

  private static List<Buffer> bodies(Path corpus, int count) throws IOException {
    try (Stream<String> lines = Files.lines(corpus, StandardCharsets.UTF_8)) {
      return lines
          .limit(count)
          .map(line -> Buffer.buffer(line.substring(line.indexOf('\t') + 1)))
          .toList();
    }
  }

  /** Median over rounds after a warm-up round, in microseconds per body. */
  private static void measure(
      String what, List<Buffer> bodies, Consumer<Buffer> check, boolean report) {
    List<Double> perBody = new ArrayList<>();
    for (int round = 0; round <= ROUNDS; round++) {
      long start = System.nanoTime();
      for (Buffer body : bodies) {
        check.accept(body);
      }
      double micros = (System.nanoTime() - start) / 1_000.0 / bodies.size();
      if (round > 0) {
        perBody.add(micros);
      }
    }
    if (!report) {
      return;
    }
    double[] sorted = perBody.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(
        "%-55s median %7.2f µs per body (rounds: %s)%n",
        what, sorted[sorted.length / 2], Arrays.toString(round(sorted)));
  }

  private static String[] round(double[] values) {
    return Arrays.stream(values).mapToObj(v -> String.format("%.1f", v)).toArray(String[]::new);
  }
}
