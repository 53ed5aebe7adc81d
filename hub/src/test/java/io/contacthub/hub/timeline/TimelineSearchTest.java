package io.contacthub.hub.timeline;

import static io.contacthub.hub.timeline.TimelineFixtures.T0;
import static io.contacthub.hub.timeline.TimelineFixtures.message;
import static io.contacthub.hub.timeline.TimelineFixtures.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.SearchRequest;
import io.contacthub.hub.model.SearchResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class TimelineSearchTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Instant H1 = T0.plusSeconds(3600);
  private static final Instant H3 = T0.plusSeconds(3 * 3600);

  @TempDir Path dir;
  private LuceneTimelineIndex index;
  private long logSeq;

  @BeforeEach
  void open() throws Exception {
    index =
        LuceneTimelineIndex.open(dir, TimelineOptions.DEFAULT.withMaxStale(Duration.ofSeconds(30)));
    apply(
        message("s1", 1)
            .customer("cust-1")
            .conversation("conv-1")
            .subject("Refund request")
            .text("I want a refund for order 42")
            .build(),
        message("s2", 2)
            .customer("cust-1")
            .conversation("conv-1")
            .channel(Channel.WEBCHAT)
            .direction(Direction.OUTBOUND)
            .at(H1)
            .text("We issued your refund today")
            .build(),
        message("s3", 3)
            .customer("cust-2")
            .conversation("conv-2")
            .channel(Channel.PHONE)
            .at(T0.plusSeconds(2 * 3600))
            .text("Caller asked about delivery times")
            .build(),
        message("s4", 4)
            .customer("cust-2")
            .conversation("conv-3")
            .channel(Channel.WHATSAPP)
            .at(H3)
            .text("refund refund refund, where is my refund")
            .build(),
        message("s5", 5)
            .customer("cust-1")
            .conversation("conv-4")
            .at(T0.plusSeconds(4 * 3600))
            .text("<script>alert('x')</script> please refund me & thanks")
            .build(),
        message("s6", 6)
            .customer("cust-2")
            .conversation("conv-5")
            .channel(Channel.TELEGRAM)
            .at(T0.plusSeconds(5 * 3600))
            .subject("Password reset")
            .text("Cannot log in to the Müller account")
            .build());
  }

  @AfterEach
  void close() throws Exception {
    index.close();
  }

  @Test
  void filtersByCustomers() throws Exception {
    assertThat(ids(search("refund").customers("cust-1")))
        .containsExactlyInAnyOrder("s1", "s2", "s5");
    assertThat(ids(search(null).customers("cust-2", "cust-9")))
        .containsExactlyInAnyOrder("s3", "s4", "s6");
    assertThat(ids(search(null).customers())).isEmpty();
  }

  @Test
  void filtersByChannels() throws Exception {
    assertThat(ids(search(null).channels(Channel.EMAIL))).containsExactlyInAnyOrder("s1", "s5");
    assertThat(ids(search("refund").channels(Channel.WEBCHAT, Channel.WHATSAPP)))
        .containsExactlyInAnyOrder("s2", "s4");
  }

  @Test
  void filtersByDirection() throws Exception {
    assertThat(ids(search(null).direction(Direction.OUTBOUND))).containsExactly("s2");
    assertThat(ids(search("refund").direction(Direction.INBOUND)))
        .containsExactlyInAnyOrder("s1", "s4", "s5");
  }

  @Test
  void filtersByConversation() throws Exception {
    assertThat(ids(search(null).conversation("conv-1"))).containsExactlyInAnyOrder("s1", "s2");
  }

  @Test
  void filtersByTimeFromInclusiveToExclusive() throws Exception {
    assertThat(ids(search(null).between(H1, H3))).containsExactlyInAnyOrder("s2", "s3");
    assertThat(ids(search(null).between(H3, null))).containsExactlyInAnyOrder("s4", "s5", "s6");
    assertThat(ids(search(null).between(null, H1))).containsExactly("s1");
  }

  @Test
  void combinesTextAndFilters() throws Exception {
    SearchResult result =
        index.search(search("refund").customers("cust-1").channels(Channel.EMAIL).build());

    assertThat(result.hits())
        .extracting(h -> h.interaction().id())
        .containsExactlyInAnyOrder("s1", "s5");
    assertThat(result.total()).isEqualTo(2);
  }

  @Test
  void sortsByRelevanceWithAQueryAndByTimeWithout() throws Exception {
    List<SearchResult.Hit> relevance = index.search(search("refund").build()).hits();
    List<SearchResult.Hit> time =
        index.search(search("refund").sort(SearchRequest.Sort.TIME).build()).hits();

    // The subject match weighs most; time order is simply newest first
    assertThat(relevance.get(0).interaction().id()).isEqualTo("s1");
    assertThat(relevance)
        .extracting(SearchResult.Hit::score)
        .isSortedAccordingTo((a, b) -> Float.compare(b, a));
    assertThat(time).extracting(h -> h.interaction().id()).containsExactly("s5", "s4", "s2", "s1");
    assertThat(time).allSatisfy(h -> assertThat(h.score()).isPositive());
    assertThat(ids(search(null))).containsExactly("s6", "s5", "s4", "s3", "s2", "s1");
    assertThat(ids(search("refund").sort(SearchRequest.Sort.RELEVANCE)))
        .containsExactlyElementsOf(relevance.stream().map(h -> h.interaction().id()).toList());
  }

  @Test
  void pagesPastTenResultsInBothOrdersWithoutGapsOrDuplicates() throws Exception {
    // GIVEN 25 equally relevant invoices (equal scores, ties on time) of one customer
    List<Interaction> invoices = new ArrayList<>();
    Channel[] channels = {Channel.EMAIL, Channel.WEBCHAT, Channel.PHONE};
    for (int i = 0; i < 25; i++) {
      invoices.add(
          message("inv-" + i, 100 + i)
              .customer("cust-3")
              .channel(channels[i % 3])
              .at(T0.plusSeconds(60L * (i / 4)))
              .text("invoice number " + i)
              .build());
    }
    apply(invoices.subList(0, 12).toArray(Interaction[]::new));
    apply(invoices.subList(12, 25).toArray(Interaction[]::new));

    for (SearchRequest.Sort sort : SearchRequest.Sort.values()) {
      // WHEN paging with limit 10
      List<String> seen = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      String cursor = null;
      do {
        SearchResult page =
            index.search(
                search("invoice").customers("cust-3").sort(sort).cursor(cursor).limit(10).build());
        assertThat(page.total()).isEqualTo(25);
        assertThat(page.facets())
            .containsExactly(
                Map.entry("email", 9L), Map.entry("phone", 8L), Map.entry("webchat", 8L));
        page.hits().forEach(h -> seen.add(h.interaction().id()));
        sizes.add(page.hits().size());
        cursor = page.nextCursor();
      } while (cursor != null);

      // THEN each invoice shows exactly once
      assertThat(sizes).as(sort.name()).containsExactly(10, 10, 5);
      assertThat(seen).as(sort.name()).doesNotHaveDuplicates().hasSize(25);
    }
  }

  @Test
  void countsEveryMatchPerChannelNotJustThePage() throws Exception {
    SearchResult all = index.search(search(null).limit(1).build());
    SearchResult refunds = index.search(search("refund").limit(1).build());

    assertThat(all.total()).isEqualTo(6);
    assertThat(all.hits()).hasSize(1);
    assertThat(all.facets())
        .containsOnly(
            Map.entry("email", 2L),
            Map.entry("webchat", 1L),
            Map.entry("phone", 1L),
            Map.entry("whatsapp", 1L),
            Map.entry("telegram", 1L));
    assertThat(refunds.total()).isEqualTo(4);
    assertThat(refunds.facets())
        .containsOnly(Map.entry("email", 2L), Map.entry("webchat", 1L), Map.entry("whatsapp", 1L));
  }

  @Test
  void snippetsMarkMatchesAndEscapeEverythingElse() throws Exception {
    String snippet =
        hit(index.search(search("refund").customers("cust-1").build()), "s5").snippet();

    assertThat(snippet)
        .contains("<mark>refund</mark>")
        .contains("&lt;script&gt;")
        .contains("&amp; thanks")
        .doesNotContain("<script>")
        .doesNotContain("'x'");
  }

  @Test
  void snippetWithoutAQueryIsTheEscapedStartOfTheText() throws Exception {
    String longText = "Hello there, ".repeat(40) + "<b>end</b>";
    apply(message("long", 50).at(T0.plusSeconds(9 * 3600)).text(longText).build());

    SearchResult result = index.search(search(null).build());

    assertThat(hit(result, "s5").snippet())
        .startsWith("&lt;script&gt;alert(&#x27;x&#x27;)")
        .doesNotContain("<mark>");
    assertThat(hit(result, "long").snippet())
        .startsWith("Hello there, Hello")
        .endsWith("…")
        .hasSizeLessThanOrEqualTo(Snippets.LENGTH + 1);
  }

  @Test
  void snippetFallsBackToTheSubject() throws Exception {
    String snippet = hit(index.search(search("password").build()), "s6").snippet();

    assertThat(snippet).isEqualTo("<mark>Password</mark> reset");
  }

  @Test
  void understandsTheSimpleSyntaxAndNeverFailsOnInput() throws Exception {
    assertThat(ids(search("\"issued your refund\""))).containsExactly("s2");
    assertThat(ids(search("refund -order"))).containsExactlyInAnyOrder("s2", "s4", "s5");
    assertThat(ids(search("-refund"))).containsExactlyInAnyOrder("s3", "s6");
    assertThat(ids(search("deliv*"))).containsExactly("s3");
    assertThat(hit(index.search(search("deliv*").build()), "s3").snippet())
        .contains("<mark>delivery</mark>");
    assertThat(ids(search("muller"))).containsExactly("s6");
    for (String odd : List.of("\"unbalanced", "((", "-", "*", "~", "|", "a\\", "?!")) {
      assertThat(index.search(search(odd).build()).total()).as(odd).isNotNegative();
    }
  }

  @Test
  void clampsTheLimit() throws Exception {
    assertThat(index.search(search(null).limit(0).build()).hits()).hasSize(1);
    assertThat(index.search(search(null).limit(10_000).build()).hits()).hasSize(6);
  }

  @Test
  void rejectsBadCursorsAndCursorsOfAnotherQuery() throws Exception {
    String refundCursor = index.search(search("refund").limit(1).build()).nextCursor();
    assertThat(refundCursor).isNotNull();

    assertThatThrownBy(() -> index.search(search("refund").cursor("garbage!").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid cursor");
    assertThatThrownBy(() -> index.search(search("delivery").cursor(refundCursor).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different query");
    assertThatThrownBy(
            () ->
                index.search(search("refund").channels(Channel.EMAIL).cursor(refundCursor).build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                index.search(
                    search("refund").sort(SearchRequest.Sort.TIME).cursor(refundCursor).build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> index.timeline(Set.of("cust-1"), refundCursor, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(index.search(search("refund").limit(1).cursor(refundCursor).build()).hits())
        .hasSize(1);
  }

  private List<String> ids(TimelineFixtures.SearchBuilder request) throws Exception {
    return index.search(request.limit(SearchRequest.MAX_LIMIT).build()).hits().stream()
        .map(h -> h.interaction().id())
        .toList();
  }

  private static SearchResult.Hit hit(SearchResult result, String id) {
    return result.hits().stream()
        .filter(h -> h.interaction().id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " not in " + result.hits()));
  }

  private void apply(Interaction... interactions) throws Exception {
    index.apply(List.of(interactions), List.of(), List.of(), ++logSeq);
    assertThat(index.awaitSearchable(logSeq, WAIT)).isTrue();
  }
}
