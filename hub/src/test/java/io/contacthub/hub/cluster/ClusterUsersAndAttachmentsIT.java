package io.contacthub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two hub JVMs and a real redis-server, behind no balancer: each request picks its node. A user
 * created through one node logs in on the other at once, a user disabled through one node is locked
 * out of the other within a second, and an attachment mailed to one node downloads from the other
 * byte for byte.
 */
@Timeout(300)
class ClusterUsersAndAttachmentsIT extends ClusterProcesses {

  @Test
  void aUserCreatedOnOneNodeLogsInOnTheOtherAndALoginIsTakenOnce() throws Exception {
    RedisServer redis = track(RedisServer.start(dir.resolve("redis"), false));
    HubNode a = track(HubNode.start("node-a", dir, redis.url(), Map.of()));
    HubNode b = track(HubNode.start("node-b", dir, redis.url(), Map.of()));

    String password = a.createAgent("mira");
    String token = b.login("mira", password);

    JsonObject me = new JsonObject(b.get("/api/v1/me", token).body());
    assertThat(me.getString("login")).isEqualTo("mira");
    HttpResponse<String> again =
        b.createUser(
            new JsonObject()
                .put("login", "mira")
                .put("password", "another-password-123")
                .put("displayName", "Another Mira")
                .put("role", "agent"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(a.login("mira", password)).isNotBlank();
  }

  @Test
  void aUserDisabledThroughOneNodeIsLockedOutOfTheOtherWithinSeconds() throws Exception {
    RedisServer redis = track(RedisServer.start(dir.resolve("redis"), false));
    HubNode a = track(HubNode.start("node-a", dir, redis.url(), Map.of()));
    HubNode b = track(HubNode.start("node-b", dir, redis.url(), Map.of()));
    String password = a.createAgent("mira");
    String token = b.login("mira", password);
    BlockingQueue<JsonObject> stream = b.stream(token);
    HubNode.next(stream, "hello");

    HttpResponse<String> disabled =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + a.port() + "/api/v1/users/mira"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + a.login("admin", HubNode.ADMIN_PASSWORD))
                    .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                            new JsonObject().put("disabled", true).encode()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
    // Milliseconds when the machine is quiet; the bound leaves room for a loaded one.
    Awaitility.await()
        .atMost(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> b.get("/api/v1/me", token).statusCode() == 401);
    HubNode.next(stream, HubNode.CLOSED);
    HttpResponse<String> login =
        b.post(
            "/api/v1/auth/login",
            null,
            "application/json",
            new JsonObject().put("login", "mira").put("password", password).encode());
    assertThat(login.statusCode()).isEqualTo(401);
  }

  @Test
  void anAttachmentReceivedByOneNodeDownloadsFromTheOtherByteIdentical() throws Exception {
    RedisServer redis = track(RedisServer.start(dir.resolve("redis"), false));
    HubNode a = track(HubNode.start("node-a", dir, redis.url(), Map.of()));
    HubNode b = track(HubNode.start("node-b", dir, redis.url(), Map.of()));
    byte[] pdf = new byte[200_000];
    new Random(11).nextBytes(pdf);

    HttpResponse<String> ack =
        a.post("/channels/email/inbound", HubNode.INGEST_TOKEN, "message/rfc822", mail(pdf));
    assertThat(ack.statusCode()).isEqualTo(201);
    String interaction = new JsonObject(ack.body()).getString("interactionId");
    String token = b.login("lena", a.createAgent("lena"));

    // Node B has the interaction once its replica of the shared log has caught up.
    String[] attachment = new String[1];
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              HttpResponse<String> r = b.get("/api/v1/interactions/" + interaction, token);
              assertThat(r.statusCode()).isEqualTo(200);
              attachment[0] =
                  new JsonObject(r.body())
                      .getJsonArray("attachments")
                      .getJsonObject(0)
                      .getString("id");
            });
    HttpResponse<byte[]> download = b.getBytes("/api/v1/attachments/" + attachment[0], token);

    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(pdf);
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("invoice.pdf");
    assertThat(b.getBytes("/api/v1/attachments/" + attachment[0], token).body()).isEqualTo(pdf);
  }

  private static String mail(byte[] pdf) {
    String boundary = "b-42";
    return "From: Kim <kim@customer.example>\r\nTo: support@hub.example\r\nSubject: Invoice\r\n"
        + "Message-ID: <invoice-1@customer.example>\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed; boundary=\""
        + boundary
        + "\"\r\n\r\n--"
        + boundary
        + "\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--"
        + boundary
        + "\r\nContent-Type: application/pdf; name=\"invoice.pdf\"\r\n"
        + "Content-Disposition: attachment; filename=\"invoice.pdf\"\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n"
        + Base64.getMimeEncoder().encodeToString(pdf)
        + "\r\n--"
        + boundary
        + "--\r\n";
  }
}
