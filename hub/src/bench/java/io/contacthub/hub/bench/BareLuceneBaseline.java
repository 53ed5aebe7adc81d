package io.contacthub.hub.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The comparison: the same corpus lines straight into a plain {@link IndexWriter}
 * (StandardAnalyzer, the hub's RAM buffer, no log, no HTTP; the index sorted only when asked),
 * parsed from the same JSON, with the same text fields, a few keyword fields and the JSON stored,
 * then one commit (durable).
 */
final class BareLuceneBaseline {

  static final double RAM_BUFFER_MB = 64; // as the hub's TimelineOptions
  private static final int CHUNK = 256;

  /**
   * Documents per second, from the first line read to the end of the commit, and the CPU the bench
   * process used meanwhile (it does nothing else then), compilation excluded.
   */
  record Result(int threads, long documents, double seconds, double cpuSeconds) {
    double perSecond() {
      return documents / seconds;
    }
  }

  private BareLuceneBaseline() {}

  /**
   * @param newestFirst sort the index by time, newest first, as the hub's is (interactions arrive
   *     oldest first, so every flush and merge re-sorts)
   */
  static Result run(Path corpusFile, Path indexDir, int threads, long count, boolean newestFirst)
      throws Exception {
    long begin = System.nanoTime();
    ThreadCpu threadsBefore = ThreadCpu.of(ProcessHandle.current().pid());
    double cpuBefore = CpuTime.self();
    long documents = 0;
    IndexWriterConfig config =
        new IndexWriterConfig(new StandardAnalyzer())
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setRAMBufferSizeMB(RAM_BUFFER_MB);
    if (newestFirst) {
      config.setIndexSort(
          new Sort(LongField.newSortField("occurredAt", true, SortedNumericSelector.Type.MAX)));
    }
    try (FSDirectory dir = FSDirectory.open(indexDir);
        IndexWriter writer = new IndexWriter(dir, config);
        CorpusFile.Reader corpus = new CorpusFile.Reader(corpusFile)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Long>> indexers = new ArrayList<>();
        long[] left = {count};
        for (int t = 0; t < threads; t++) {
          indexers.add(pool.submit(() -> index(writer, corpus, left)));
        }
        for (Future<Long> f : indexers) {
          documents += f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      writer.commit();
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    double compilation =
        ThreadCpu.of(ProcessHandle.current().pid()).since(threadsBefore).compilation();
    return new Result(threads, documents, seconds, CpuTime.self() - cpuBefore - compilation);
  }

  private static long index(IndexWriter writer, CorpusFile.Reader corpus, long[] left)
      throws IOException {
    long indexed = 0;
    while (true) {
      List<CorpusFile.Line> lines;
      synchronized (left) {
        lines = corpus.next((int) Math.min(CHUNK, left[0]));
        left[0] -= lines.size();
      }
      if (lines.isEmpty()) {
        return indexed;
      }
      for (CorpusFile.Line line : lines) {
        writer.addDocument(document(line.json()));
        indexed++;
      }
    }
  }

  private static Document document(byte[] json) {
    JsonObject i = Buffer.buffer(json).toJsonObject();
    Document doc = new Document();
    String channel = i.getString("channel");
    keyword(doc, "id", channel + ":" + i.getString("externalId"));
    JsonArray identities = i.getJsonArray("identities");
    keyword(doc, "identity", identities.getJsonObject(0).getString("value"));
    keyword(doc, "channel", channel);
    doc.add(new SortedDocValuesField("channel", new BytesRef(channel)));
    keyword(doc, "direction", i.getString("direction"));
    doc.add(
        new LongField(
            "occurredAt", Instant.parse(i.getString("occurredAt")).toEpochMilli(), Field.Store.NO));
    String subject = i.getString("subject");
    if (subject != null) {
      doc.add(new TextField("subject", subject, Field.Store.NO));
    }
    doc.add(new TextField("text", i.getString("text"), Field.Store.NO));
    doc.add(new StoredField("json", json));
    return doc;
  }

  private static void keyword(Document doc, String field, String value) {
    doc.add(new StringField(field, value, Field.Store.NO));
  }
}
