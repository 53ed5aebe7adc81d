package io.contacthub.connector.email.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

  @TempDir Path dir;

  @Test
  void startsEmptyThenKeepsTheLastSavedCheckpointPerMailbox() throws Exception {
    CheckpointStore store = new CheckpointStore(dir.resolve("imap"));
    assertThat(store.load("a@host:993/INBOX")).isEqualTo(Checkpoint.NONE);

    store.save("a@host:993/INBOX", new Checkpoint(7, 41));
    store.save("a@host:993/INBOX", new Checkpoint(7, 42));
    store.save("b@host:993/INBOX", new Checkpoint(9, 1));

    CheckpointStore reopened = new CheckpointStore(dir.resolve("imap"));
    assertThat(reopened.load("a@host:993/INBOX")).isEqualTo(new Checkpoint(7, 42));
    assertThat(reopened.load("b@host:993/INBOX")).isEqualTo(new Checkpoint(9, 1));
    try (var files = Files.list(dir.resolve("imap"))) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void uidsCountOnlyUnderTheSameUidValidity() {
    Checkpoint checkpoint = new Checkpoint(7, 42);

    assertThat(checkpoint.lastUidFor(7)).isEqualTo(42);
    assertThat(checkpoint.lastUidFor(8)).isZero();
    assertThat(Checkpoint.NONE.lastUidFor(7)).isZero();
  }

  @Test
  void aCorruptCheckpointStopsTheMailboxInsteadOfRereadingSilently() throws Exception {
    CheckpointStore store = new CheckpointStore(dir);
    store.save("box", new Checkpoint(1, 2));
    try (var files = Files.list(dir)) {
      Files.writeString(files.findFirst().orElseThrow(), "{not json");
    }

    assertThatThrownBy(() -> store.load("box"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unreadable checkpoint");
  }
}
