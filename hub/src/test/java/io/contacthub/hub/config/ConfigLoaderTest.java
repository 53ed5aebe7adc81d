package io.contacthub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void bundledDefaultIsTheEmbeddedSetup() {
    HubConfig c = HubConfig.from(ConfigLoader.load(null, Map.of()));
    assertThat(c.httpPort()).isEqualTo(8080);
    assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(c.continuityWindow()).isEqualTo(Duration.ofHours(72));
    assertThat(c.ingestToken()).isEmpty();
  }

  @Test
  void everyKeyIsOverriddenByItsEnvironmentVariable() {
    HubConfig c =
        HubConfig.from(
            ConfigLoader.load(
                null,
                Map.of(
                    "HUB_HTTP_PORT", "9090",
                    "HUB_DATA_DIR", "/tmp/hubdata",
                    "HUB_ADMIN_PASSWORD", "s3cret-pass",
                    "HUB_INGEST_TOKEN", "tok",
                    "HUB_THREADING_CONTINUITY_WINDOW_HOURS", "1")));
    assertThat(c.httpPort()).isEqualTo(9090);
    assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/hubdata"));
    assertThat(c.adminPassword()).isEqualTo("s3cret-pass");
    assertThat(c.ingestToken()).isEqualTo("tok");
    assertThat(c.continuityWindow()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void anEnvironmentValueOverridingABooleanIsABoolean() {
    var raw = ConfigLoader.load(null, Map.of("HUB_EMAIL_ENABLED", "FALSE"));
    assertThat(raw.getJsonObject("email").getBoolean("enabled")).isFalse();
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HUB_EMAIL_ENABLED", "nope")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("email.enabled")
        .hasMessageContaining("HUB_EMAIL_ENABLED");
  }

  @Test
  void envNamesFollowThePathInUpperSnakeCase() {
    assertThat(ConfigLoader.envName("phone.ctiToken")).isEqualTo("HUB_PHONE_CTI_TOKEN");
    assertThat(ConfigLoader.envName("meta.appSecret")).isEqualTo("HUB_META_APP_SECRET");
    assertThat(ConfigLoader.envName("http.port")).isEqualTo("HUB_HTTP_PORT");
  }

  @Test
  void invalidValueFailsFastNamingKeyAndVariable() {
    assertThatThrownBy(
            () -> HubConfig.from(ConfigLoader.load(null, Map.of("HUB_HTTP_PORT", "eighty"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.port")
        .hasMessageContaining("HUB_HTTP_PORT")
        .hasMessageContaining("eighty");
    assertThatThrownBy(
            () ->
                HubConfig.from(
                    ConfigLoader.load(null, Map.of("HUB_IDENTITY_DEFAULT_REGION", "XX"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("identity.defaultRegion");
  }

  @Test
  void stringValuesResolveEnvironmentReferences(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hub.yaml");
    Files.writeString(
        file, "ingest:\n  token: ${MY_TOKEN}\nadmin:\n  password: ${NOPE:-fallback}\n");
    var raw = ConfigLoader.load(file, Map.of("MY_TOKEN", "from-env"));
    assertThat(raw.getJsonObject("ingest").getString("token")).isEqualTo("from-env");
    assertThat(raw.getJsonObject("admin").getString("password")).isEqualTo("fallback");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MY_TOKEN");
  }

  @Test
  void brokenYamlNamesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hub.yaml");
    Files.writeString(file, "http: [unclosed\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString());
  }
}
