package io.contacthub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.hub.config.ConfigException;
import io.contacthub.hub.config.HubConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ClusterOptionsTest {

  private static final String SECRET = "a-shared-secret-of-at-least-32-bytes-long";

  private static HubConfig config(String redisUrl, String jwtSecret, String ingestToken) {
    return HubConfig.from(
        new JsonObject()
            .put("node", new JsonObject().put("id", "node-7"))
            .put("redis", new JsonObject().put("url", redisUrl))
            .put("auth", new JsonObject().put("jwtSecret", jwtSecret))
            .put("ingest", new JsonObject().put("token", ingestToken)));
  }

  @Test
  void withoutARedisUrlTheHubStaysEmbedded() {
    assertThat(ClusterOptions.from(config("", "", ""))).isNull();
  }

  @Test
  void aRedisUrlSwitchesClusterModeOnForTheNamedNode() {
    ClusterOptions options =
        ClusterOptions.from(config("redis://:pw@redis.internal:6380/0", SECRET, "token"));
    assertThat(options.nodeId()).isEqualTo("node-7");
    assertThat(options.redisAddress()).isEqualTo("redis.internal:6380");
  }

  @Test
  void clusterModeRefusesToGenerateTheSecretsNodesMustShare() {
    assertThatThrownBy(() -> ClusterOptions.from(config("redis://localhost", "", "token")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("HUB_AUTH_JWT_SECRET");
    assertThatThrownBy(() -> ClusterOptions.from(config("redis://localhost", SECRET, "")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("HUB_INGEST_TOKEN");
  }

  @Test
  void aUrlThatIsNotRedisIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> ClusterOptions.from(config("http://localhost:6379", SECRET, "t")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("HUB_REDIS_URL");
  }

  @Test
  void theDefaultNodeIdIsHostAndPort() {
    HubConfig c = HubConfig.from(new JsonObject().put("http", new JsonObject().put("port", 8123)));
    assertThat(c.nodeId()).endsWith(":8123");
  }
}
