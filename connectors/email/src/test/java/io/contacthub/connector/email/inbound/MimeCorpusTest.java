package io.contacthub.connector.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.AttachmentRef;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.InboundInteraction;
import io.contacthub.connector.email.EmailConfig;
import io.contacthub.connector.testkit.FakeConnectorContext;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The MIME corpus: mail as Outlook, Gmail, Apple Mail and Thunderbird send it. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class MimeCorpusTest {

  @TempDir Path dataDir;
  private FakeConnectorContext ctx;
  private InboundPipeline pipeline;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    JsonObject config =
        new JsonObject().put("ownAddresses", new JsonArray().add("support@hub.test"));
    ctx =
        FakeConnectorContext.builder(vertx)
            .config(config)
            .dataDir(dataDir)
            .attachmentLimit(1024 * 1024)
            .start()
            .await(10, TimeUnit.SECONDS);
    pipeline = new InboundPipeline(ctx, EmailConfig.from(config, name -> null));
  }

  @AfterEach
  void tearDown() throws Exception {
    ctx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void outlookReplyInLatin1WithWindows1252EuroSign() throws Exception {
    InboundInteraction i = ingest("outlook-reply-latin1.eml");

    assertThat(i.externalId())
        .isEqualTo("AM6PR05MB61841F3A9C2E8D4B7A1C5E33D9@AM6PR05MB6184.eurprd05.prod.outlook.com");
    assertThat(i.subject()).isEqualTo("AW: Your order 4711");
    assertThat(i.identities())
        .containsExactly(
            new Identity(IdentityType.EMAIL, "hans.mueller@contoso.de", false, "Müller, Hans"));
    assertThat(i.thread().keys()).containsExactly("email:" + i.externalId());
    assertThat(i.thread().references())
        .containsExactly("email:5e0c1a8e-7f43-4c8e-9d0a-2b1f6c3d9e01@hub.test");
    assertThat(i.text())
        .contains("die Lieferung kam leider beschädigt an", "49,90 €", "Mit freundlichen Grüßen")
        .contains("Dear customer, your order 4711 has shipped.");
    assertThat(i.extras().getString("visibleText"))
        .endsWith("Hans Müller")
        .doesNotContain("Gesendet:", "has shipped");
    assertThat(i.extras().getJsonObject("collapsed").getBoolean("quote")).isTrue();
    assertThat(i.html()).contains("beschädigt", "49,90 €").doesNotContain("<style", "font-face");
    assertThat(i.attachments()).isEmpty();
    assertThat(i.automated()).isFalse();
  }

  @Test
  void gmailWithInlineImageAndPdf() throws Exception {
    InboundInteraction i = ingest("gmail-inline-image.eml");

    assertThat(i.externalId()).isEqualTo("CAFk8sT3qX9=Yz_0gP7wQn+kM2Lrj1Hc8vG5s2a@mail.gmail.com");
    assertThat(i.identities())
        .containsExactly(new Identity(IdentityType.EMAIL, "jane.doe@gmail.com", false, "Jane Doe"));
    assertThat(i.thread().references()).isEmpty();
    assertThat(i.text()).contains("the screen arrived cracked, see the photo below \uD83D\uDCF1");
    assertThat(i.attachments())
        .extracting(AttachmentRef::filename, AttachmentRef::contentType, AttachmentRef::inline)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("photo.png", "image/png", true),
            org.assertj.core.groups.Tuple.tuple("invoice-4711.pdf", "application/pdf", false));
    AttachmentRef photo = i.attachments().get(0);
    assertThat(ctx.attachmentContent(photo.id())).startsWith(0x89, 'P', 'N', 'G');
    assertThat(i.html()).contains("src=\"/api/v1/attachments/" + photo.id() + "\"");
    assertThat(ctx.attachmentContent(i.attachments().get(1).id())).startsWith('%', 'P', 'D', 'F');
  }

  @Test
  void appleMailReplyWithEncodedWordsAndReplyTo() throws Exception {
    InboundInteraction i = ingest("apple-mail-reply.eml");

    assertThat(i.externalId()).isEqualTo("3C1B9E2A-5F4D-4A8B-B7C6-0D9E8F7A6B5C@icloud.com");
    assertThat(i.subject()).isEqualTo("Re: Rückfrage zur Rechnung");
    assertThat(i.identities())
        .containsExactly(
            new Identity(IdentityType.EMAIL, "zoe@icloud.com", false, "Zoë Weiß"),
            new Identity(IdentityType.EMAIL, "zoe.weiss@me.com", false, null));
    assertThat(i.thread().references())
        .containsExactly("email:7d1f2e3a-0b4c-4d5e-8f6a-1b2c3d4e5f60@hub.test");
    assertThat(i.text()).contains("Können Sie das prüfen?", "> Anbei Ihre Rechnung.");
    assertThat(i.extras().getString("visibleText"))
        .endsWith("Viele Grüße\nZoë")
        .doesNotContain("Anbei", "schrieb");
  }

  @Test
  void thunderbirdIso2022JpFlowedWithSignature() throws Exception {
    InboundInteraction i = ingest("thunderbird-iso-2022-jp.eml");

    assertThat(i.subject()).isEqualTo("注文について");
    assertThat(i.identities())
        .containsExactly(new Identity(IdentityType.EMAIL, "taro.yamada@example.jp", false, "山田太郎"));
    assertThat(i.text()).contains("お世話になっております。").contains("届いていません。 確認をお願いします。").contains("山田太郎");
    assertThat(i.extras().getString("visibleText")).endsWith("確認をお願いします。").doesNotContain("-- ");
    assertThat(i.extras().getJsonObject("collapsed").getBoolean("signature")).isTrue();
  }

  @Test
  void outlookWebHtmlOnlyGetsTextAndBlocksTrackingPixel() throws Exception {
    InboundInteraction i = ingest("outlook-web-html-only.eml");

    assertThat(i.extras().getBoolean("textFromHtml")).isTrue();
    assertThat(i.text())
        .startsWith("Good morning,")
        .contains("I was charged twice – € 120 each – for the same order:")
        .contains("4711 € 120")
        .contains("Pat O’Brien");
    assertThat(i.html())
        .contains("data-blocked-src=\"https://track.mailer.example/open.gif?u=9f8e7d\"")
        .doesNotContain(" src=\"https://track")
        .contains("href=\"https://contoso.example/orders/4711\"")
        .contains("rel=\"noopener noreferrer nofollow\"");
    assertThat(i.extras().getInteger("remoteImagesBlocked")).isEqualTo(1);
    assertThat(i.identities()).extracting(Identity::displayName).containsExactly("Pat O'Brien");
  }

  @Test
  void gmailInlineForwardStaysVisible() throws Exception {
    InboundInteraction i = ingest("gmail-forwarded.eml");

    assertThat(i.subject()).isEqualTo("Fwd: Delivery failed for order 4711");
    assertThat(i.extras().getString("visibleText"))
        .contains("---------- Forwarded message ---------")
        .contains("We could not deliver your parcel: address unknown.");
    assertThat(i.extras().getJsonObject("collapsed").getBoolean("quote")).isFalse();
    assertThat(i.identities()).extracting(Identity::value).containsExactly("jane.doe@gmail.com");
  }

  @Test
  void thunderbirdForwardAsAttachmentKeepsTheMail() throws Exception {
    InboundInteraction i = ingest("thunderbird-forward-attached.eml");

    assertThat(i.text()).contains("the attached invoice charges me for two licenses");
    assertThat(i.attachments())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.filename()).isEqualTo("Your invoice 2025-0311.eml");
              assertThat(a.contentType()).isEqualTo("message/rfc822");
            });
    assertThat(new String(ctx.attachmentContent(i.attachments().get(0).id())))
        .contains("Invoice 2025-0311: 2 x license");
    assertThat(i.extras().getJsonArray("forwarded").getJsonObject(0).getString("messageId"))
        .isEqualTo("inv-2025-0311.7f6e5d@billing.vendor.example");
  }

  @Test
  void dsnBounceThreadsToTheOriginalAndNamesTheFailedAddress() throws Exception {
    InboundInteraction i = ingest("postfix-dsn-bounce.eml");

    assertThat(i.automated()).isTrue();
    assertThat(i.identities())
        .containsExactly(new Identity(IdentityType.EMAIL, "nobody@customer.example", false, null));
    assertThat(i.thread().references())
        .contains("email:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b@hub.test");
    JsonObject bounce = i.extras().getJsonObject("bounce");
    assertThat(bounce.getString("recipient")).isEqualTo("nobody@customer.example");
    assertThat(bounce.getString("status")).isEqualTo("5.1.1");
    assertThat(bounce.getString("action")).isEqualTo("failed");
    assertThat(bounce.getString("diagnostic")).contains("User unknown");
    assertThat(i.text()).contains("could not").contains("be delivered");
  }

  @Test
  void outOfOfficeIsAutomated() throws Exception {
    InboundInteraction i = ingest("exchange-out-of-office.eml");

    assertThat(i.automated()).isTrue();
    assertThat(i.extras().getString("autoReply")).isEqualTo("Auto-Submitted: auto-replied");
    assertThat(i.thread().references())
        .containsExactly("email:9b8a7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4@hub.test");
    assertThat(i.identities())
        .extracting(Identity::value)
        .containsExactly("hans.mueller@contoso.de");
    assertThat(i.text()).startsWith("I am out of the office until 17 March");
  }

  private InboundInteraction ingest(String name) throws Exception {
    byte[] raw;
    try (InputStream in = getClass().getResourceAsStream("/mime/" + name)) {
      raw = in.readAllBytes();
    }
    var accepted = pipeline.ingest(raw, "test").await(20, TimeUnit.SECONDS);
    assertThat(accepted.duplicate()).isFalse();
    return ctx.calls().get(ctx.calls().size() - 1).interaction();
  }
}
