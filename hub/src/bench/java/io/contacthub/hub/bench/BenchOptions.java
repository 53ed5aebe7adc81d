package io.contacthub.hub.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line: {@code --scale 1} (1,000,000 interactions of 100,000 customers; 0.01 for a smoke
 * run), {@code --seed}, {@code --work dir}, {@code --hub-jar}, {@code --hub-heap 2g}, {@code
 * --hub-jvm-arg X} (repeatable, e.g. to start a flight recording), {@code --keep-data}.
 */
record BenchOptions(
    double scale,
    long seed,
    Path work,
    Path hubJar,
    String hubHeap,
    List<String> hubJvmArgs,
    boolean keepData) {

  static final int FULL_INTERACTIONS = 1_000_000;
  static final int FULL_CUSTOMERS = 100_000;

  static BenchOptions parse(String[] args) {
    double scale = 1;
    long seed = 20_261_123L;
    Path work = Path.of("target", "bench");
    Path jar = Path.of("target", "contact-hub.jar");
    String heap = "2g";
    List<String> jvmArgs = new ArrayList<>();
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--scale" -> scale = Double.parseDouble(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--hub-jar" -> jar = Path.of(args[++i]);
        case "--hub-heap" -> heap = args[++i];
        case "--hub-jvm-arg" -> jvmArgs.add(args[++i]);
        case "--keep-data" -> keep = true;
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (!(scale > 0 && scale <= 1)) {
      throw new IllegalArgumentException("--scale must be in (0, 1]");
    }
    return new BenchOptions(scale, seed, work, jar, heap, List.copyOf(jvmArgs), keep);
  }

  int interactions() {
    return (int) Math.round(FULL_INTERACTIONS * scale);
  }

  int customers() {
    return Math.max(10, (int) Math.round(FULL_CUSTOMERS * scale));
  }
}
