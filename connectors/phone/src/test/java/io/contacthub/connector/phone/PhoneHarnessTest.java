package io.contacthub.connector.phone;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Tests against a {@link PhoneHarness} on the usual config, started afresh for every test. */
@ExtendWith(VertxExtension.class)
abstract class PhoneHarnessTest {

  @TempDir Path dataDir;
  PhoneHarness phone;

  @BeforeEach
  void startPhone(Vertx vertx) throws Exception {
    phone = PhoneHarness.start(vertx, PhoneHarness.config(), dataDir);
  }

  @AfterEach
  void stopPhone() throws Exception {
    phone.close();
  }
}
