package io.contacthub.connector.email;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Which servers a TLS connection trusts: the JDK's CAs by default; a trust store (PKCS12 or JKS,
 * {@code trustStore} and {@code trustStorePassword}) for a company CA or a self-signed server;
 * {@code trustAll: true} only for tests, since it accepts anyone. The host name is checked except
 * with {@code trustAll}. The trust store is read at start, so a wrong path or password fails the
 * start.
 */
public record TlsTrust(TrustManagerFactory trustManagers, boolean trustAll) {

  public static final TlsTrust JDK_DEFAULT = new TlsTrust(null, false);

  /** Sockets trusting the configured store (for Angus Mail), or null for the JDK's defaults. */
  public SSLSocketFactory socketFactory() {
    if (trustManagers == null) {
      return null;
    }
    try {
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, trustManagers.getTrustManagers(), null);
      return ssl.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JDK", e);
    }
  }

  static TlsTrust from(JsonObject json, String path, Function<String, String> env) {
    Object all = json.getValue("trustAll", false);
    if (!(all instanceof Boolean)) {
      throw new IllegalArgumentException(path + ".trustAll must be true or false, not " + all);
    }
    String store = json.getString("trustStore");
    if ((Boolean) all) {
      if (store != null) {
        throw new IllegalArgumentException(path + ": trustAll and trustStore exclude each other");
      }
      return new TlsTrust(null, true);
    }
    if (store == null) {
      return JDK_DEFAULT;
    }
    String password = ConfigValues.secret(json, "trustStorePassword", path, env);
    return new TlsTrust(trustManagers(Path.of(store), password, path), false);
  }

  private static TrustManagerFactory trustManagers(Path file, String password, String path) {
    char[] pass = password == null ? null : password.toCharArray();
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore ks = KeyStore.getInstance(file.toString().endsWith(".jks") ? "JKS" : "PKCS12");
      ks.load(in, pass);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      return tmf;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          path + ".trustStore " + file + " cannot be read: " + e.getMessage(), e);
    }
  }
}
