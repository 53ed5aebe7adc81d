package io.contacthub.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void hashIsSelfDescribingAndVerifies() {
    String hash = hasher.hash("s3cret password");

    assertThat(hash).matches("\\$pbkdf2-sha256\\$i=210000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hash).doesNotContain("s3cret");
    assertThat(hasher.verify("s3cret password", hash)).isTrue();
    assertThat(hasher.verify("s3cret passworD", hash)).isFalse();
  }

  @Test
  void samePasswordGetsDifferentSalts() {
    assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
  }

  @Test
  void malformedHashesMatchNothing() {
    assertThat(hasher.verify("x", null)).isFalse();
    assertThat(hasher.verify("x", "plain-text")).isFalse();
    assertThat(hasher.verify("x", "$pbkdf2-sha256$i=abc$AAAA$AAAA")).isFalse();
    assertThat(hasher.verify("x", "$pbkdf2-sha256$i=1000$!!$AAAA")).isFalse();
    assertThat(hasher.verify("x", "$pbkdf2-sha256$i=1000$AAAA")).isFalse();
  }
}
