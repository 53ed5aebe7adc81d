package io.contacthub.connector.social.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MetaSignatureTest {

  private static final String BODY = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}";
  // Computed independently: HMAC-SHA256("test-app-secret", BODY) in hex.
  private static final String EXPECTED =
      "sha256=c84a394cc475525991e78ff16e430b02e47f953877d2af0ade26956ce6f384dc";

  private final MetaSignature signature = new MetaSignature("test-app-secret");

  @Test
  void signsTheRawBytesAsMetaDoes() {
    assertThat(signature.header(BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(EXPECTED);
    assertThat(signature.matches(EXPECTED, Buffer.buffer(BODY))).isTrue();
    assertThat(
            signature.matches(
                EXPECTED.toUpperCase().replace("SHA256=", "sha256="), Buffer.buffer(BODY)))
        .as("hex digits in either case")
        .isTrue();
  }

  @Test
  void refusesATamperedBodyAWrongSecretAndMalformedHeaders() {
    assertThat(signature.matches(EXPECTED, Buffer.buffer(BODY.replace("[]", "[ ]")))).isFalse();
    assertThat(new MetaSignature("other-secret").matches(EXPECTED, Buffer.buffer(BODY))).isFalse();
    assertThat(signature.matches(null, Buffer.buffer(BODY))).isFalse();
    assertThat(signature.matches(EXPECTED.substring(7), Buffer.buffer(BODY))).isFalse();
    assertThat(signature.matches("sha1=" + EXPECTED.substring(7), Buffer.buffer(BODY))).isFalse();
    assertThat(signature.matches("sha256=zz", Buffer.buffer(BODY))).isFalse();
    assertThat(signature.matches("sha256=", Buffer.buffer(BODY))).isFalse();
  }

  @Test
  void withoutASecretNothingMatches() {
    MetaSignature off = new MetaSignature("");
    assertThat(off.configured()).isFalse();
    assertThat(off.matches(EXPECTED, Buffer.buffer(BODY))).isFalse();
  }
}
