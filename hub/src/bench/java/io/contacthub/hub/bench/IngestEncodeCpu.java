package io.contacthub.hub.bench;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InteractionKind;
import io.contacthub.hub.identity.IdentityNormalizer;
import io.contacthub.hub.ingest.ChangeRecord;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.ConversationStatus;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.Ids;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.NormalizedIdentity;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU per interaction of the ingest writer's encoding steps, single-threaded, on the first
 * interactions of a bench corpus: phone and email normalization, {@code ChangeRecord.encode} of an
 * ingest record (the interaction, its customer with counted attributes, its conversation), the
 * index document of the interaction, and {@code Ids.next}. It uses only API that earlier versions
 * have too, so running it once against each build compares them:
 *
 * <pre>
 * java -cp hub/target/test-classes:hub/target/classes:connectors/connector-api/target/classes:HUB.jar \
 *     io.contacthub.hub.bench.IngestEncodeCpu CORPUS.tsv [interactions]
 * </pre>
 *
 * Not part of the bench run.
 */
public final class IngestEncodeCpu {

  private static final int PASSES = 9;
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private IngestEncodeCpu() {}

  public static void main(String[] args) throws Throwable {
    Path corpus = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    List<CorpusFile.Line> lines;
    try (CorpusFile.Reader reader = new CorpusFile.Reader(corpus)) {
      lines = reader.next(n);
    }
    List<JsonObject> bodies = new ArrayList<>(lines.size());
    lines.forEach(l -> bodies.add(new JsonObject(Buffer.buffer(l.json()))));

    // Cold: the first time the normalizer sees these strings.
    IdentityNormalizer normalizer = new IdentityNormalizer("US");
    long t0 = cpuNanos();
    List<List<NormalizedIdentity>> identities = normalizeAll(normalizer, bodies);
    double coldNormalize = micros(cpuNanos() - t0, bodies.size());
    List<ChangeRecord> records = records(lines, bodies, identities);
    MethodHandle document = indexDocument();

    double[] normalize = new double[PASSES];
    double[] encode = new double[PASSES];
    double[] index = new double[PASSES];
    double[] ids = new double[PASSES];
    long sink = 0;
    for (int warm = 0; warm < 3; warm++) {
      sink += pass(normalizer, bodies, records, document, new double[4]);
    }
    for (int p = 0; p < PASSES; p++) {
      double[] out = new double[4];
      sink += pass(normalizer, bodies, records, document, out);
      normalize[p] = out[0];
      encode[p] = out[1];
      index[p] = out[2];
      ids[p] = out[3];
    }
    System.out.printf(
        "%d interactions (%d distinct customers), median of %d passes, CPU µs per interaction:%n",
        records.size(),
        lines.stream().mapToInt(CorpusFile.Line::customer).distinct().count(),
        PASSES);
    System.out.printf("  normalize identities, first sight: %8.3f%n", coldNormalize);
    System.out.printf("  normalize identities, seen before: %8.3f%n", median(normalize));
    System.out.printf("  ChangeRecord.encode:               %8.3f%n", median(encode));
    System.out.printf("  index document of the interaction: %8.3f%n", median(index));
    System.out.printf("  Ids.next:                          %8.3f%n", median(ids));
    long bytes = 0;
    for (ChangeRecord r : records) {
      bytes += r.encode().length;
    }
    System.out.printf("  (bytes per record %d, checksum %d)%n", bytes / records.size(), sink);
  }

  private static long pass(
      IdentityNormalizer normalizer,
      List<JsonObject> bodies,
      List<ChangeRecord> records,
      MethodHandle document,
      double[] out)
      throws Throwable {
    long sink = 0;
    long t = cpuNanos();
    sink += normalizeAll(normalizer, bodies).size();
    out[0] = micros(cpuNanos() - t, bodies.size());
    t = cpuNanos();
    for (ChangeRecord r : records) {
      sink += r.encode().length;
    }
    out[1] = micros(cpuNanos() - t, records.size());
    t = cpuNanos();
    for (ChangeRecord r : records) {
      sink +=
          ((org.apache.lucene.document.Document) document.invoke(r.interactions().getFirst()))
              .getFields()
              .size();
    }
    out[2] = micros(cpuNanos() - t, records.size());
    t = cpuNanos();
    for (int i = 0; i < records.size(); i++) {
      sink += Ids.next().length();
    }
    out[3] = micros(cpuNanos() - t, records.size());
    return sink;
  }

  private static List<List<NormalizedIdentity>> normalizeAll(
      IdentityNormalizer normalizer, List<JsonObject> bodies) {
    List<List<NormalizedIdentity>> out = new ArrayList<>(bodies.size());
    for (JsonObject body : bodies) {
      List<NormalizedIdentity> ids = new ArrayList<>();
      for (Object o : body.getJsonArray("identities")) {
        JsonObject id = (JsonObject) o;
        Identity identity =
            new Identity(
                IdentityType.fromWireName(id.getString("type")).orElseThrow(),
                id.getString("value"),
                id.getBoolean("verified", false),
                id.getString("displayName"));
        ids.add(normalizer.normalize(identity));
      }
      out.add(ids);
    }
    return out;
  }

  /** An ingest record per line, with customers and conversations moving on as the corpus goes. */
  private static List<ChangeRecord> records(
      List<CorpusFile.Line> lines,
      List<JsonObject> bodies,
      List<List<NormalizedIdentity>> identities) {
    Map<Integer, Customer> customers = new HashMap<>();
    Map<Integer, Conversation> conversations = new HashMap<>();
    List<ChangeRecord> out = new ArrayList<>(lines.size());
    Instant now = Instant.parse("2026-11-23T08:00:00Z");
    for (int k = 0; k < lines.size(); k++) {
      JsonObject body = bodies.get(k);
      int who = lines.get(k).customer();
      Channel channel = Channel.fromWireName(body.getString("channel")).orElseThrow();
      Instant at = Instant.parse(body.getString("occurredAt"));
      Customer before = customers.get(who);
      Customer customer = counted(before, who, identities.get(k), channel, at);
      customers.put(who, customer);
      Conversation previous = conversations.get(who);
      EnumSet<Channel> channels = EnumSet.of(channel);
      if (previous != null) {
        channels.addAll(previous.channels());
      }
      Conversation conversation =
          new Conversation(
              previous == null ? Ids.next() : previous.id(),
              customer.id(),
              ConversationStatus.OPEN,
              channels,
              previous == null ? body.getString("subject") : previous.subject(),
              previous == null ? at : previous.createdAt(),
              at,
              previous == null ? 1 : previous.interactionCount() + 1);
      conversations.put(who, conversation);
      List<String> threadKeys = new ArrayList<>();
      String messageId = body.getString("messageId");
      if (messageId != null) {
        threadKeys.add(channel.wireName() + ":" + messageId.replaceAll("[<>]", ""));
      }
      Interaction interaction =
          new Interaction(
              Ids.next(),
              k + 1,
              channel,
              body.getString("externalId"),
              Direction.fromWireName(body.getString("direction")).orElseThrow(),
              InteractionKind.fromWireName(body.getString("kind", "message")).orElseThrow(),
              at,
              now.plusMillis(k),
              customer.id(),
              conversation.id(),
              identities.get(k),
              threadKeys,
              body.getString("subject"),
              body.getString("text"),
              body.getString("html"),
              List.of(),
              body.getBoolean("automated", false),
              body.getJsonObject("extras"));
      out.add(
          new ChangeRecord(
              ChangeRecord.Cause.INGEST,
              List.of(interaction),
              List.of(customer),
              List.of(conversation)));
    }
    return out;
  }

  /** The customer with this contact counted, as the writer's enrichment keeps its attributes. */
  private static Customer counted(
      Customer before, int who, List<NormalizedIdentity> ids, Channel channel, Instant at) {
    JsonObject attrs = before == null ? new JsonObject() : before.attributes().copy();
    JsonObject counts = attrs.getJsonObject("interactionCounts", new JsonObject());
    counts.put(channel.wireName(), counts.getLong(channel.wireName(), 0L) + 1);
    attrs
        .put("interactionCounts", counts)
        .put("preferredChannel", channel.wireName())
        .put("costToServe", 1.25 * counts.size())
        .put("value", 100 - 1.25 * counts.size())
        .put("tags", new JsonArray().add("bench"));
    List<NormalizedIdentity> all =
        new ArrayList<>(before == null ? List.of() : before.identities());
    for (NormalizedIdentity i : ids) {
      if (all.stream().noneMatch(x -> x.key().equals(i.key()))) {
        all.add(i);
      }
    }
    return new Customer(
        before == null ? "cust-" + who : before.id(),
        before == null ? null : before.displayName(),
        all,
        before == null ? at : before.createdAt(),
        null,
        attrs);
  }

  /** {@code TimelineDocuments.interaction(Interaction)}, package-private in the timeline. */
  private static MethodHandle indexDocument() throws ReflectiveOperationException {
    Class<?> documents = Class.forName("io.contacthub.hub.timeline.TimelineDocuments");
    var method = documents.getDeclaredMethod("interaction", Interaction.class);
    method.setAccessible(true);
    return MethodHandles.lookup()
        .unreflect(method)
        .asType(MethodType.methodType(Object.class, Interaction.class));
  }

  /** CPU time of this thread: others on the machine do not count. */
  private static long cpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private static double micros(long nanos, int count) {
    return nanos / 1000.0 / count;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
