package io.contacthub.hub.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class StepSyncedDirectoryTest {

  private static final int STEP = 64 * 1024;

  @TempDir Path plainDir;
  @TempDir Path steppedDir;

  @Test
  void everyWriteArrivesAsThroughThePlainDirectoryAndStepsAreSyncedOnTheWay() throws Exception {
    // GIVEN the same writes of every width through a plain directory and a stepped one
    try (FSDirectory plain = FSDirectory.open(plainDir);
        StepSyncedDirectory stepped = new StepSyncedDirectory(FSDirectory.open(steppedDir), STEP)) {
      long plainChecksum = writeMixed(plain, "data.bin");

      // WHEN about 550 KB go through the stepped one
      long steppedChecksum = writeMixed(stepped, "data.bin");

      // THEN the files and their checksums are the same, and a step was synced per 64 KB
      assertThat(Files.readAllBytes(steppedDir.resolve("data.bin")))
          .isEqualTo(Files.readAllBytes(plainDir.resolve("data.bin")));
      assertThat(steppedChecksum).isEqualTo(plainChecksum);
      long size = Files.size(steppedDir.resolve("data.bin"));
      assertThat(size).isGreaterThan(6L * STEP);
      assertThat(stepped.stepsSynced()).isEqualTo(size / STEP);
    }
  }

  @Test
  void temporaryFilesAreLeftToThePageCache() throws Exception {
    try (StepSyncedDirectory stepped =
        new StepSyncedDirectory(FSDirectory.open(steppedDir), STEP)) {
      // WHEN a temporary file (a sort spill) of several steps is written
      try (IndexOutput out = stepped.createTempOutput("sort", "tmp", IOContext.DEFAULT)) {
        out.writeBytes(new byte[4 * STEP], 4 * STEP);
      }

      // THEN no step was synced for it
      assertThat(stepped.stepsSynced()).isZero();
    }
  }

  @Test
  void anIndexWrittenThroughItIsWholeAfterItsCommit() throws Exception {
    // GIVEN an index writer on a stepped directory
    try (StepSyncedDirectory stepped =
        new StepSyncedDirectory(FSDirectory.open(steppedDir), STEP)) {
      try (IndexWriter writer =
          new IndexWriter(stepped, new IndexWriterConfig(new StandardAnalyzer()))) {
        // WHEN a few thousand documents are indexed and committed
        Random random = new Random(7);
        for (int i = 0; i < 3_000; i++) {
          Document doc = new Document();
          doc.add(new TextField("text", words(random, 60), Field.Store.NO));
          doc.add(new StoredField("json", words(random, 40)));
          writer.addDocument(doc);
        }
        writer.commit();
      }

      // THEN the files were synced in steps on the way, and the index reads back whole
      assertThat(stepped.stepsSynced()).isPositive();
      try (DirectoryReader reader = DirectoryReader.open(stepped)) {
        assertThat(reader.numDocs()).isEqualTo(3_000);
      }
      try (CheckIndex check = new CheckIndex(stepped)) {
        assertThat(check.checkIndex().clean).isTrue();
      }
    }
  }

  /** Bytes, shorts, ints, longs, variable-length ints and arrays, as codecs write them. */
  private static long writeMixed(Directory dir, String name) throws Exception {
    Random random = new Random(42);
    try (IndexOutput out = dir.createOutput(name, IOContext.DEFAULT)) {
      byte[] block = new byte[3_001];
      for (int i = 0; i < 4_000; i++) {
        out.writeByte((byte) i);
        out.writeShort((short) random.nextInt());
        out.writeInt(random.nextInt());
        out.writeLong(random.nextLong());
        out.writeVInt(random.nextInt(1 << 20));
        if (i % 25 == 0) {
          random.nextBytes(block);
          out.writeBytes(block, block.length);
        }
      }
      return out.getChecksum();
    }
  }

  private static String words(Random random, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append("w").append(random.nextInt(5_000)).append(' ');
    }
    return text.toString();
  }
}
