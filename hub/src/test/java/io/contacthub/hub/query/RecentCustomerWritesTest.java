package io.contacthub.hub.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.connector.InteractionKind;
import io.contacthub.hub.ingest.ChangeRecord;
import io.contacthub.hub.model.Interaction;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentCustomerWritesTest {

  private final AtomicLong searchable = new AtomicLong(-1);
  private final RecentCustomerWrites writes = new RecentCustomerWrites(searchable::get);

  private static ChangeRecord ingestOf(String customerId) {
    Interaction i =
        new Interaction(
            "i-" + customerId,
            0,
            Channel.WHATSAPP,
            "x-" + customerId,
            Direction.INBOUND,
            InteractionKind.MESSAGE,
            Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:00:01Z"),
            customerId,
            "v-" + customerId,
            List.of(),
            List.of(),
            null,
            "hi",
            null,
            List.of(),
            false,
            null);
    return new ChangeRecord(ChangeRecord.Cause.INGEST, List.of(i), List.of(), List.of());
  }

  @Test
  void aCustomersNewestWriteIsUnsearchedUntilTheIndexShowsIt() {
    writes.durable(5, ingestOf("c-1"));
    writes.durable(6, ingestOf("c-2"));
    writes.durable(7, ingestOf("c-1"));

    assertThat(writes.unsearched(Set.of("c-1"))).isEqualTo(7);
    assertThat(writes.unsearched(Set.of("c-2", "c-3"))).isEqualTo(6);
    assertThat(writes.unsearched(Set.of("c-3"))).isEqualTo(-1);

    searchable.set(6);
    assertThat(writes.unsearched(Set.of("c-2"))).isEqualTo(-1);
    assertThat(writes.unsearched(Set.of("c-1", "c-2"))).isEqualTo(7);

    searchable.set(7);
    assertThat(writes.unsearched(Set.of("c-1", "c-2"))).isEqualTo(-1);
  }

  @Test
  void whatTheIndexShowsIsDroppedAsRecordsGoBy() {
    writes.durable(1, ingestOf("c-old"));
    writes.durable(2, ingestOf("c-new"));
    searchable.set(1);

    writes.durable(1024, ingestOf("c-other"));

    assertThat(writes.waiting()).isEqualTo(2); // c-new (2) and c-other (1024); c-old is shown
  }
}
