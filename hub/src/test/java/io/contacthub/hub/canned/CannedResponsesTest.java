package io.contacthub.hub.canned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.hub.model.HubException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CannedResponsesTest {

  @TempDir Path dir;
  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void readsTheFileInOrderAndAnEditAppliesAtTheNextRequest() throws Exception {
    Path file = dir.resolve("canned.yaml");
    Files.writeString(
        file,
        """
        responses:
          - {shortcut: thanks, title: Thanks, text: "Thank you!"}
          - {shortcut: refund, text: "Refund issued."}
        """);
    CannedResponses canned = new CannedResponses(vertx, file);

    JsonObject list = canned.list().await();
    assertThat(list.getJsonArray("items").getJsonObject(0).getString("text"))
        .isEqualTo("Thank you!");
    // Without a title the shortcut stands in.
    assertThat(list.getJsonArray("items").getJsonObject(1).getString("title")).isEqualTo("refund");

    Files.writeString(file, "responses:\n  - {shortcut: bye, text: Goodbye}\n");
    assertThat(canned.list().await().getJsonArray("items").getJsonObject(0).getString("shortcut"))
        .isEqualTo("bye");
  }

  @Test
  void aMissingFileMeansNone() {
    assertThat(
            new CannedResponses(vertx, dir.resolve("absent.yaml"))
                .list()
                .await()
                .getJsonArray("items"))
        .isEmpty();
  }

  @Test
  void aBrokenFileIsRefusedWithTheProblemNamed() {
    assertThatThrownBy(
            () ->
                CannedResponses.parse(
                    "responses:\n  - {shortcut: a, text: x}\n  - {shortcut: a, text: y}\n"))
        .isInstanceOf(HubException.class)
        .hasMessageContaining("response 2: shortcut a is used twice");
    assertThatThrownBy(
            () -> CannedResponses.parse("responses:\n  - {shortcut: 'Bad Key', text: x}\n"))
        .hasMessageContaining("lower-case");
    assertThatThrownBy(() -> CannedResponses.parse("[unclosed"))
        .hasMessageContaining("not valid YAML");
  }
}
