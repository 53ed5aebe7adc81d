package io.contacthub.connector.email.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuoteCollapserTest {

  @Test
  void cutsATopPostedReplyAtTheAttribution() {
    String text =
        "Thanks, that worked.\n\nOn Mon, Mar 3, 2025 at 4:01 PM Example Support <support@hub.test>\nwrote:\n> Try restarting.\n";

    QuoteCollapser.Result r = QuoteCollapser.collapse(text, "Re: Help");

    assertThat(r.visibleText()).isEqualTo("Thanks, that worked.");
    assertThat(r.quoteCollapsed()).isTrue();
  }

  @Test
  void keepsAnInterleavedReplyWhole() {
    // The questions are the context of each answer.
    String text = "> Which model?\nThe X200.\n> Since when?\nSince Monday.";

    QuoteCollapser.Result r = QuoteCollapser.collapse(text, "Re: Help");

    assertThat(r.visibleText()).isEqualTo(text);
    assertThat(r.quoteCollapsed()).isFalse();
  }

  @Test
  void dropsTheQuoteAboveABottomPostedReply() {
    String text = "On Monday, Support wrote:\n> Which model?\n\nThe X200.";

    QuoteCollapser.Result r = QuoteCollapser.collapse(text, "Re: Help");

    assertThat(r.visibleText()).isEqualTo("The X200.");
    assertThat(r.quoteCollapsed()).isTrue();
  }

  @Test
  void cutsOutlookOriginalMessageAndSignatures() {
    assertThat(
            QuoteCollapser.collapse("Fine.\n-----Original Message-----\nFrom: a\n", "RE: x")
                .visibleText())
        .isEqualTo("Fine.");
    QuoteCollapser.Result sig = QuoteCollapser.collapse("See you.\n\nSent from my iPhone", "x");
    assertThat(sig.visibleText()).isEqualTo("See you.");
    assertThat(sig.signatureCollapsed()).isTrue();
  }

  @Test
  void neverCollapsesAForward() {
    String outlookForward =
        "FYI\n\n________________________________\nFrom: Shop <s@shop.example>\nSent: Monday\nSubject: Refund\n\nRefund denied.";

    QuoteCollapser.Result r = QuoteCollapser.collapse(outlookForward, "FW: Refund");

    assertThat(r.visibleText()).contains("Refund denied.");
    assertThat(r.quoteCollapsed()).isFalse();
  }

  @Test
  void leavesPlainTextAlone() {
    QuoteCollapser.Result r = QuoteCollapser.collapse("Just a question.", "Q");

    assertThat(r.visibleText()).isEqualTo("Just a question.");
    assertThat(r.quoteCollapsed()).isFalse();
    assertThat(r.signatureCollapsed()).isFalse();
  }
}
