package io.contacthub.connector.email;

import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server key pair for 127.0.0.1 and a trust store holding its certificate, made by the JDK's
 * keytool for TLS tests, and handed to GreenMail, which reads its server key store from system
 * properties when TLS first starts.
 */
public final class TestCertificates {

  public static final String STORE_PASSWORD = "changeit";

  private static Path dir;

  private TestCertificates() {}

  /** A TLS server needs longer than GreenMail's default 2 s to start on a busy machine. */
  public static ServerSetup[] slowStart(ServerSetup... setups) {
    for (ServerSetup s : setups) {
      s.setServerStartupTimeout(30_000);
    }
    return setups;
  }

  /** The directory with {@code server.p12} (key pair) and {@code trust.p12}, made once. */
  public static synchronized Path get() {
    if (dir == null) {
      dir = create();
    }
    return dir;
  }

  public static Path serverKeyStore() {
    return get().resolve("server.p12");
  }

  public static Path trustStore() {
    return get().resolve("trust.p12");
  }

  private static Path create() {
    try {
      Path d = Files.createTempDirectory("mail-tls");
      Path server = d.resolve("server.p12");
      Path cert = d.resolve("server.cer");
      keytool(
          "-genkeypair",
          "-alias",
          "server",
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-dname",
          "CN=127.0.0.1",
          "-ext",
          "SAN=ip:127.0.0.1,dns:localhost",
          "-validity",
          "2",
          "-storetype",
          "PKCS12",
          "-keystore",
          server.toString(),
          "-storepass",
          STORE_PASSWORD);
      keytool(
          "-exportcert",
          "-alias",
          "server",
          "-keystore",
          server.toString(),
          "-storepass",
          STORE_PASSWORD,
          "-file",
          cert.toString());
      keytool(
          "-importcert",
          "-noprompt",
          "-alias",
          "server",
          "-file",
          cert.toString(),
          "-storetype",
          "PKCS12",
          "-keystore",
          d.resolve("trust.p12").toString(),
          "-storepass",
          STORE_PASSWORD);
      System.setProperty("greenmail.tls.keystore.file", server.toString());
      System.setProperty("greenmail.tls.keystore.password", STORE_PASSWORD);
      System.setProperty("greenmail.tls.key.password", STORE_PASSWORD);
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool " + args[0] + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
