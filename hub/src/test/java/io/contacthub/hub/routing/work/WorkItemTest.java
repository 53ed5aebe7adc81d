package io.contacthub.hub.routing.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.connector.Channel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An item's SLA notices, kept as bits, in the journal's form of always. */
class WorkItemTest {

  private static final Instant T0 = Instant.parse("2026-12-08T09:00:00Z");

  private static WorkItem item() {
    return new WorkItem(
        "conv-1",
        "conv-1",
        "cust-1",
        Channel.WHATSAPP,
        false,
        "chat",
        T0,
        T0.plusSeconds(60),
        T0.plusSeconds(3600));
  }

  @Test
  void noticesAreJournaledAsTheSortedListOfTheirKeysAndReadBack() {
    WorkItem w = item();
    w.notice("resolution.warning");
    w.notice("firstResponse.warning");
    w.notice("firstResponse.breached");
    w.notice("firstResponse.warning"); // again: once

    JsonObject json = w.toJson();

    assertThat(json.getJsonArray("slaNotices"))
        .containsExactly("firstResponse.breached", "firstResponse.warning", "resolution.warning");
    WorkItem read = WorkItem.fromJson(json);
    assertThat(read.noticed("firstResponse.breached")).isTrue();
    assertThat(read.noticed("resolution.warning")).isTrue();
    assertThat(read.noticed("resolution.breached")).isFalse();
    assertThat(read.toJson()).isEqualTo(json);
  }

  @Test
  void anItemWithoutNoticesListsNone() {
    assertThat(item().toJson().getJsonArray("slaNotices")).isEmpty();
    assertThat(item().noticed("firstResponse.warning")).isFalse();
  }

  @Test
  void aCopyKeepsTheNoticesOfItsMomentOnly() {
    WorkItem w = item();
    w.notice("firstResponse.warning");
    WorkItem copy = w.copy();

    w.notice("firstResponse.breached");

    assertThat(copy.noticed("firstResponse.warning")).isTrue();
    assertThat(copy.noticed("firstResponse.breached")).isFalse();
  }

  @Test
  void aKeyThatIsNoNoticeIsRefusedAndOneReadFromALaterVersionIsLeftOut() {
    assertThatThrownBy(() -> item().notice("firstResponse.escalated"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("firstResponse.escalated");

    JsonObject json = item().toJson();
    json.put("slaNotices", new JsonArray().add("firstResponse.warning").add("later.kind"));
    WorkItem read = WorkItem.fromJson(json);

    assertThat(read.noticed("firstResponse.warning")).isTrue();
    assertThat(read.toJson().getJsonArray("slaNotices")).containsExactly("firstResponse.warning");
  }
}
