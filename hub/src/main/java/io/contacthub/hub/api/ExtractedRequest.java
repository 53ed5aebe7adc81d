package io.contacthub.hub.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The parts of a request the contract declares, as the validator takes them. The validator's own
 * extraction percent-decodes the already decoded query a second time, which turns {@code
 * identity=phone:%2B1415...} into a space instead of a plus and refuses a search for {@code 50%25};
 * here every value is decoded exactly once, by Vert.x.
 */
final class ExtractedRequest implements ValidatableRequest {

  private final Map<String, RequestParameter> cookies = new HashMap<>();
  private final Map<String, RequestParameter> headers = new HashMap<>();
  private final Map<String, RequestParameter> path = new HashMap<>();
  private final Map<String, RequestParameter> query = new HashMap<>();
  private final RequestParameter body;
  private final String contentType;

  ExtractedRequest(RoutingContext ctx, Operation operation) {
    HttpServerRequest request = ctx.request();
    for (Parameter p : operation.getParameters()) {
      String name = p.getName();
      switch (p.getIn()) {
        case PATH -> path.put(name, value(ctx.pathParam(name)));
        case QUERY -> query.put(name, form(p, request.params().getAll(name)));
        case HEADER -> headers.put(name, value(request.getHeader(name)));
        case COOKIE -> {
          Cookie cookie = request.getCookie(name);
          cookies.put(name, value(cookie == null ? null : cookie.getValue()));
        }
      }
    }
    Buffer buffer = operation.getRequestBody() == null ? null : ctx.body().buffer();
    this.body = value(buffer);
    this.contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
  }

  /** The form the validator expects: exploded arrays as {@code name=a&name=b}, else the value. */
  private static RequestParameter form(Parameter p, List<String> values) {
    if (values.isEmpty()) {
      return value(null);
    }
    if (p.getSchemaType() == SchemaType.ARRAY && p.isExplode()) {
      return value(
          values.stream().map(v -> p.getName() + "=" + v).collect(Collectors.joining("&")));
    }
    return value(values.get(0));
  }

  private static RequestParameter value(Object value) {
    return () -> value;
  }

  @Override
  public Map<String, RequestParameter> getCookies() {
    return cookies;
  }

  @Override
  public Map<String, RequestParameter> getHeaders() {
    return headers;
  }

  @Override
  public Map<String, RequestParameter> getPathParameters() {
    return path;
  }

  @Override
  public Map<String, RequestParameter> getQuery() {
    return query;
  }

  @Override
  public RequestParameter getBody() {
    return body;
  }

  @Override
  public String getContentType() {
    return contentType;
  }
}
