package io.contacthub.hub;

import io.contacthub.hub.api.ApiDependencies;
import io.contacthub.hub.api.ApiOptions;
import io.contacthub.hub.api.HttpApi;
import io.contacthub.hub.attachments.AttachmentStore;
import io.contacthub.hub.auth.AuthOptions;
import io.contacthub.hub.auth.UserRecords;
import io.contacthub.hub.auth.UserStore;
import io.contacthub.hub.calls.CallDispositions;
import io.contacthub.hub.canned.CannedResponses;
import io.contacthub.hub.config.HubConfig;
import io.contacthub.hub.config.HubSecrets;
import io.contacthub.hub.customers.CustomerImport;
import io.contacthub.hub.offers.Offers;
import io.contacthub.hub.reply.ConversationSignals;
import io.contacthub.hub.reply.ReplyService;
import io.contacthub.hub.routing.metrics.RoutingMeters;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.Supplier;

/** Opens the user store (seeding the admin) and mounts the HTTP API on the root router. */
final class ApiAssembly {

  /** What the rest of the assembly needs from the API side. */
  record Mounted(AuthOptions auth, UserStore users) {}

  private ApiAssembly() {}

  static Future<Mounted> mount(
      Vertx vertx,
      Router root,
      HubConfig config,
      PrometheusMeterRegistry registry,
      Hub hub,
      Supplier<Future<JsonObject>> readiness,
      HubSecrets secrets,
      ReplyService replies,
      UserRecords userRecords,
      AttachmentStore attachments,
      Offers offers,
      CustomerImport customerImport,
      ConversationSignals signals,
      List<String> notes) {
    hub.bindMeters(registry);
    hub.routing()
        .observeChanges(
            RoutingMeters.bind(registry, hub.routing().config(), hub.routing()::latestStats));
    AuthOptions auth =
        new AuthOptions(secrets.jwtSecret(), config.tokenTtl(), secrets.ingestToken());
    String adminPassword =
        config.adminPassword().isBlank() ? HubSecrets.randomToken() : config.adminPassword();
    return UserStore.open(vertx, userRecords)
        .compose(
            users ->
                users
                    .seedAdmin(adminPassword)
                    .map(
                        created -> {
                          if (created && config.adminPassword().isBlank()) {
                            notes.add(
                                "Admin login (generated, shown once; set HUB_ADMIN_PASSWORD to choose): admin / "
                                    + adminPassword);
                          }
                          ApiDependencies deps =
                              new ApiDependencies(
                                  hub.ingest(),
                                  hub.queries(),
                                  replies,
                                  CallDispositions.from(config.section("phone")),
                                  attachments,
                                  users,
                                  auth,
                                  new ApiOptions(
                                      config.maxBodyBytes(),
                                      ApiOptions.DEFAULT_MAX_BATCH_BODY_BYTES,
                                      ApiOptions.DEFAULT_STREAM_HEARTBEAT),
                                  registry,
                                  hub.routing(),
                                  readiness,
                                  offers,
                                  customerImport,
                                  CannedResponses.from(vertx, config.section("ui")),
                                  signals,
                                  hub.log());
                          root.route().subRouter(HttpApi.router(vertx, deps));
                          return new Mounted(auth, users);
                        }));
  }
}
