package io.contacthub.hub.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {

  @TempDir Path dir;

  @Test
  void aFileLargerThanOneSyncStepKeepsEveryByteInOrder() throws IOException {
    Path file = dir.resolve("snapshot.json");
    byte[] content = new byte[3 * (1 << 20) + 12_345];
    new Random(7).nextBytes(content);

    DurableFiles.replace(
        file,
        out -> {
          // Single bytes and slices of every size, so that a sync falls inside a write.
          out.write(content[0]);
          int at = 1;
          int step = 1;
          while (at < content.length) {
            int n = Math.min(step, content.length - at);
            out.write(content, at, n);
            at += n;
            step = step * 3 + 1;
          }
        });

    assertThat(Files.readAllBytes(file)).isEqualTo(content);
    assertThat(dir.resolve("snapshot.json.tmp")).doesNotExist();
  }

  @Test
  void aWriterThatFailsLeavesTheOldContent() throws IOException {
    Path file = dir.resolve("snapshot.json");
    DurableFiles.replace(file, out -> out.write("old".getBytes()));

    assertThatThrownBy(
            () ->
                DurableFiles.replace(
                    file,
                    out -> {
                      out.write(new byte[2 << 20]);
                      throw new IOException("disk full");
                    }))
        .hasMessage("disk full");

    assertThat(Files.readString(file)).isEqualTo("old");
  }

  @Test
  void aLargeOldContentIsReplacedAndLeavesNoSecondName() throws IOException {
    Path file = dir.resolve("snapshot.json");
    replaceWithLargeContent(file);

    DurableFiles.replace(file, out -> out.write("new".getBytes()));

    assertThat(Files.readString(file)).isEqualTo("new");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aSecondNameLeftByACrashBeforeTheRenameIsUnlinkedNotEmptied() throws IOException {
    Path file = dir.resolve("snapshot.json");
    byte[] current = replaceWithLargeContent(file);
    // A crash between giving the current content its second name and the rename leaves this.
    Files.createLink(dir.resolve("snapshot.json.old"), file);

    assertThatThrownBy(
            () ->
                DurableFiles.replace(
                    file,
                    out -> {
                      throw new IOException("crashed again");
                    }))
        .hasMessage("crashed again");

    assertThat(Files.readAllBytes(file)).isEqualTo(current);
    assertThat(dir.resolve("snapshot.json.old")).doesNotExist();
  }

  /** Content larger than the step in which an old content is freed; returns it. */
  private static byte[] replaceWithLargeContent(Path file) throws IOException {
    byte[] content = new byte[9 << 20];
    Arrays.fill(content, (byte) 'c');
    DurableFiles.replace(file, out -> out.write(content));
    return content;
  }
}
