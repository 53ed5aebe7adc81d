package io.contacthub.hub.webchat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.contacthub.hub.e2e.HubFixture;
import io.contacthub.hub.e2e.OutboundMail;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Web chat tests against a hub started for every test, whose chat site "shop" is at {@link #ORIGIN}
 * and whose email goes out through a real SMTP server; agent maria is logged in.
 */
abstract class ChatHubWithMailTest {

  static final String ORIGIN = "https://shop.example";
  static final String CHAT_PAGE = "https://shop.example/help";

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path data;
  HubFixture hub;
  String agent;

  @BeforeEach
  void startHub() {
    JsonObject overlay =
        ChatHub.config(ORIGIN, CHAT_PAGE, new JsonObject())
            .mergeIn(
                OutboundMail.smtp(
                    smtp.getSmtp().getPort(), "support@shop.example", "Shop Support"));
    hub = ChatHub.start(data, ORIGIN, overlay);
    agent = hub.userToken("maria", "agent");
  }

  @AfterEach
  void stopHub() {
    hub.close();
  }

  ChatClient client() {
    return ChatClient.connect(hub.clientVertx(), hub.port(), ChatHub.SITE, ORIGIN);
  }
}
