package io.contacthub.connector.email.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlSanitizerTest {

  @Test
  void pointsKnownInlineImagesAtTheHubAndDropsUnknownOnes() {
    HtmlSanitizer.Result r =
        HtmlSanitizer.sanitize(
            "<img src=\"cid:Logo%40x\"><img src=\"cid:missing\">",
            Map.of("logo@x", "/api/v1/attachments/att-1")::get);

    assertThat(r.html()).isEqualTo("<img src=\"/api/v1/attachments/att-1\"><img>");
    assertThat(r.blockedImages()).isZero();
  }

  @Test
  void disarmsRemoteImagesButKeepsTheirAddressForTheAgent() {
    HtmlSanitizer.Result r =
        HtmlSanitizer.sanitize(
            "<p>Hi</p><img src=\"http://a.example/x.png\" alt=\"x\"><img src=\"https://t.example/p.gif\">",
            id -> null);

    assertThat(r.html())
        .isEqualTo(
            "<p>Hi</p><img alt=\"x\" data-blocked-src=\"http://a.example/x.png\">"
                + "<img data-blocked-src=\"https://t.example/p.gif\">");
    assertThat(r.blockedImages()).isEqualTo(2);
  }

  @Test
  void keepsFormattingTablesAndSafeLinks() {
    String html =
        "<table border=\"1\"><tr><td valign=\"top\"><b>Total</b></td></tr></table>"
            + "<a href=\"mailto:a@b.example\">mail</a><blockquote>quoted</blockquote>";

    assertThat(HtmlSanitizer.sanitize(html, id -> null).html())
        .contains("<td valign=\"top\"><b>Total</b></td>")
        .contains("href=\"mailto:a@b.example\"")
        .contains("<blockquote>quoted</blockquote>");
  }

  @Test
  void htmlTextRendersBlocksListsAndQuotes() {
    String text =
        HtmlText.toText(
            "<p>Hello&nbsp;there</p><ul><li>one</li><li>two</li></ul><blockquote><p>old</p><p>mail</p></blockquote><script>x()</script>");

    assertThat(text).isEqualTo("Hello there\n- one\n- two\n> old\n> mail");
  }
}
