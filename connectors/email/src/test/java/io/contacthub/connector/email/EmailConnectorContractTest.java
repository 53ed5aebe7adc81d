package io.contacthub.connector.email;

import io.contacthub.connector.testkit.ConnectorContractTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

class EmailConnectorContractTest extends ConnectorContractTest {

  @Override
  protected String type() {
    return "email";
  }

  @Override
  protected JsonObject validConfig() {
    return new JsonObject()
        .put("ownAddresses", new JsonArray().add("support@hub.test"))
        .put(
            "smtp",
            new JsonObject()
                .put("host", "127.0.0.1")
                .put("port", 2525)
                .put("tls", "none")
                .put("from", "support@hub.test"));
  }

  @Override
  protected JsonObject invalidConfig() {
    return new JsonObject()
        .put(
            "mailboxes",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("host", "127.0.0.1")
                        .put("tls", "sometimes")
                        .put("username", "support@hub.test")
                        .put("password", "secret")));
  }
}
