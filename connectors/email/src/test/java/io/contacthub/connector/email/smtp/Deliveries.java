package io.contacthub.connector.email.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.connector.DeliveryException;
import io.contacthub.connector.DeliveryReceipt;
import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.connector.OutboundMessage;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Replies for the SMTP sender's tests, and the failure a send ends with. */
final class Deliveries {

  private Deliveries() {}

  /** An agent's reply in conversation conv-1; {@code agentName} may be null. */
  static OutboundMessage reply(
      String to, String subject, List<String> threadKeys, String agentName) {
    return new OutboundMessage(
        "int-1",
        "conv-1",
        Channel.EMAIL,
        new Identity(IdentityType.EMAIL, to, false, null),
        subject,
        "text",
        null,
        threadKeys,
        agentName,
        null);
  }

  /** The send's failure, which must be a {@link DeliveryException}, waiting up to 30 s. */
  static DeliveryException failure(Future<DeliveryReceipt> f) {
    Throwable t =
        f.toCompletionStage()
            .toCompletableFuture()
            .handle((r, err) -> err)
            .orTimeout(30, TimeUnit.SECONDS)
            .join();
    assertThat(t).isInstanceOf(DeliveryException.class);
    return (DeliveryException) t;
  }
}
