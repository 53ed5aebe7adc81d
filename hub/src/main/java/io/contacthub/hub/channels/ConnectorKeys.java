package io.contacthub.hub.channels;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing keys for connectors, derived from the hub's secret with HMAC-SHA256 over the connector's
 * name: a connector can sign and check its own tokens, but never forge an agent token or another
 * connector's.
 */
final class ConnectorKeys {

  private ConnectorKeys() {}

  static byte[] derive(byte[] hubSecret, String connectorType) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(hubSecret, "HmacSHA256"));
      return mac.doFinal(
          ("contact-hub connector signing key: " + connectorType).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
