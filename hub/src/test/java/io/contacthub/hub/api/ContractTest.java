package io.contacthub.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.hub.events.HubEvent;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The published contract stays true to the code. */
class ContractTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> contract() throws Exception {
    try (InputStream in =
        ContractTest.class.getClassLoader().getResourceAsStream(Contract.RESOURCE)) {
      return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void streamEventsListEveryHubEvent() throws Exception {
    Map<String, Object> paths = (Map<String, Object>) contract().get("paths");
    Map<String, Object> stream =
        (Map<String, Object>) ((Map<String, Object>) paths.get("/api/v1/stream")).get("get");
    List<Map<String, String>> events = (List<Map<String, String>>) stream.get("x-stream-events");

    List<String> documented = events.stream().map(e -> e.get("type")).toList();
    List<String> expected =
        Stream.concat(
                Stream.of("hello", "stream.reset", "lagged", "stream.filter", "error"),
                Arrays.stream(HubEvent.values()).map(HubEvent::type))
            .toList();

    assertThat(documented).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  @SuppressWarnings("unchecked")
  void documentsEveryEnvironmentVariable() throws Exception {
    String description = (String) ((Map<String, Object>) contract().get("info")).get("description");

    assertThat(description)
        .contains(
            "HUB_HTTP_PORT",
            "HUB_DATA_DIR",
            "HUB_ADMIN_PASSWORD",
            "HUB_INGEST_TOKEN",
            "HUB_PHONE_CTI_TOKEN",
            "HUB_META_APP_SECRET",
            "HUB_META_VERIFY_TOKEN",
            "HUB_TELEGRAM_SECRET_TOKEN",
            "HUB_META_GRAPH_URL",
            "HUB_TELEGRAM_API_URL",
            "HUB_REDIS_URL",
            "HUB_NODE_ID");
  }
}
