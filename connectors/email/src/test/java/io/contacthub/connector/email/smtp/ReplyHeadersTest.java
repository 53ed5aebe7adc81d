package io.contacthub.connector.email.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyHeadersTest {

  @Test
  void repliesToTheNewestAndReferencesTheThread() {
    ReplyHeaders h =
        ReplyHeaders.of(
            "Order 4711", List.of("email:a@x", "chat:session-1", "email:b@x", "email:c@x"));

    assertThat(h.inReplyTo()).isEqualTo("<c@x>");
    assertThat(h.references()).isEqualTo("<a@x> <b@x> <c@x>");
    assertThat(h.subject()).isEqualTo("Re: Order 4711");
  }

  @Test
  void keepsOneReplyPrefix() {
    List<String> thread = List.of("email:a@x");
    assertThat(ReplyHeaders.of("Re: Order", thread).subject()).isEqualTo("Re: Order");
    assertThat(ReplyHeaders.of("RE: AW: Re[2]: Order", thread).subject()).isEqualTo("Re: Order");
    assertThat(ReplyHeaders.of("Fwd: Order", thread).subject()).isEqualTo("Re: Fwd: Order");
    assertThat(ReplyHeaders.of(null, thread).subject()).isEqualTo("Re:");
  }

  @Test
  void aFirstMailIsNoReply() {
    ReplyHeaders h = ReplyHeaders.of("Your order", List.of("email:sha256:abc", "chat:1"));

    assertThat(h.inReplyTo()).isNull();
    assertThat(h.references()).isNull();
    assertThat(h.subject()).isEqualTo("Your order");
  }

  @Test
  void boundsReferences() {
    List<String> thread = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      thread.add("email:m" + i + "@x");
    }

    ReplyHeaders h = ReplyHeaders.of("S", thread);

    assertThat(h.references().split(" ")).hasSize(ReplyHeaders.MAX_REFERENCES).endsWith("<m49@x>");
    assertThat(h.references()).startsWith("<m30@x>");
  }

  @Test
  void skipsIdsThatCannotBeWrittenIntoAHeader() {
    ReplyHeaders h = ReplyHeaders.of("S", List.of("email:ok@x", "email:bad id@x", "email:a>b@x"));

    assertThat(h.references()).isEqualTo("<ok@x>");
  }
}
