package io.contacthub.hub.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The API contract ({@code docs/openapi.yaml}, shipped as {@value #RESOURCE}) and request
 * validation against it. It loads in the background: requests that arrive earlier wait for it.
 */
final class Contract {

  static final String RESOURCE = "contract/openapi.yaml";

  private static final Logger LOG = LoggerFactory.getLogger(Contract.class);
  private static final String JSON = "application/json";
  private static final String VALIDATED_KEY = "hub.validatedRequest";

  private final Future<OpenAPIContract> contract;
  private final Future<RequestValidator> validator;

  private Contract(Vertx vertx) {
    this.contract =
        vertx
            .executeBlocking(Contract::readForValidation)
            .compose(json -> OpenAPIContract.from(vertx, json))
            .<OpenAPIContract>map(ValidatorCachingContract::new)
            .onFailure(e -> LOG.error("cannot load the API contract {}", RESOURCE, e));
    this.validator = contract.map(c -> RequestValidator.create(vertx, c));
  }

  static Contract load(Vertx vertx) {
    return new Contract(vertx);
  }

  /** Validates the request against an operation; the result is {@link #validated}. */
  Handler<RoutingContext> validate(String operationId) {
    return ctx ->
        validator
            .compose(
                v -> {
                  Operation operation = contract.result().operation(operationId);
                  return v.validate(new ExtractedRequest(ctx, operation), operationId);
                })
            .onSuccess(
                request -> {
                  ctx.put(VALIDATED_KEY, request);
                  ctx.next();
                })
            .onFailure(ctx::fail);
  }

  static ValidatedRequest validated(RoutingContext ctx) {
    return ctx.get(VALIDATED_KEY);
  }

  /**
   * The generic validator of an operation's JSON body: the reference that the routes checking their
   * body themselves (ingest) are tested against.
   */
  Future<Validator> bodyValidator(String operationId) {
    return contract.map(
        c ->
            c.getSchemaRepository()
                .validator(
                    c.operation(operationId).getRequestBody().getContent().get(JSON).getSchema()));
  }

  /**
   * The contract as the validator gets it: only the {@code /api/v1} paths (the channel routes speak
   * other protocols and media types and are documented only), and without response bodies, which
   * are not validated and whose {@code application/problem+json} this validator rejects.
   */
  private static JsonObject readForValidation() throws IOException {
    Object yaml;
    try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is not on the class path");
      }
      yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    }
    JsonObject raw = new JsonObject(Json.encode(yaml));
    JsonObject paths = raw.getJsonObject("paths");
    for (String path : List.copyOf(paths.fieldNames())) {
      if (!path.startsWith("/api/v1/")) {
        paths.remove(path);
        continue;
      }
      JsonObject item = paths.getJsonObject(path);
      item.forEach(
          e -> {
            if (e.getValue() instanceof JsonObject op && op.containsKey("responses")) {
              dropContent(op.getJsonObject("responses"));
            }
            if (e.getValue() instanceof JsonObject op) {
              dropUnvalidatedBodies(op);
            }
          });
    }
    dropContent(raw.getJsonObject("components").getJsonObject("responses", new JsonObject()));
    return raw;
  }

  /**
   * Request bodies in media types the validator cannot read (CSV, JSON lines) are checked by their
   * route; the contract keeps documenting them.
   */
  private static void dropUnvalidatedBodies(JsonObject operation) {
    JsonObject content =
        operation.getJsonObject("requestBody", new JsonObject()).getJsonObject("content");
    if (content == null) {
      return;
    }
    List.copyOf(content.fieldNames()).stream()
        .filter(type -> !MediaType.isMediaTypeSupported(type))
        .forEach(content::remove);
    if (content.isEmpty()) {
      operation.remove("requestBody");
    }
  }

  private static void dropContent(JsonObject responses) {
    responses.forEach(
        e -> {
          if (e.getValue() instanceof JsonObject response) {
            response.remove("content");
          }
        });
  }
}
