package io.contacthub.connector.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.connector.testkit.ConnectorContractTest;
import io.contacthub.connector.testkit.Connectors;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The connector contract, and the phone section's own checks. */
class PhoneConnectorContractTest extends ConnectorContractTest {

  @Override
  protected String type() {
    return "phone";
  }

  /** The section the hub passes when hub.yaml has no phone keys. */
  @Override
  protected JsonObject validConfig() {
    return new JsonObject();
  }

  @Override
  protected JsonObject invalidConfig() {
    return new JsonObject().put("defaultRegion", "XX");
  }

  @Test
  void servesThePhoneChannel() {
    assertThat(create().channels()).containsExactly(Channel.PHONE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"defaultRegion\": \"XX\"}",
        "{\"historyItems\": \"many\"}",
        "{\"cdr\": {\"timezone\": \"Mars/Olympus\"}}",
        "{\"ami\": {\"enabled\": \"true\", \"username\": \"hub\"}}",
        "{\"ami\": {\"enabled\": true, \"username\": \"hub\", \"secret\": \"s\", \"port\": 70000}}"
      })
  void refusesInvalidConfigAtStartNamingTheKey(String config, Vertx vertx) throws Exception {
    Connectors.assertRefusedAtStart(create(), context(vertx, new JsonObject(config)), "phone.");
  }
}
