package io.contacthub.hub.api;

import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns JSON schema errors into a short detail that names the fields, e.g. {@code
 * identities[0].type: value does not match any of [...]}. The validator reports every level of a
 * failure (the property, the {@code $ref}, the leaf keyword); only the deepest one per field says
 * something useful.
 */
final class SchemaErrors {

  private static final int MAX_FIELDS = 3;
  private static final Pattern REQUIRED =
      Pattern.compile("Instance does not have required property \"(.+)\"");
  private static final List<String> WRAPPERS =
      List.of("/properties", "/$ref", "/items", "/additionalProperties", "/prefixItems");

  private SchemaErrors() {}

  /** The request part that failed (from the exception's message) and its fields. */
  static String describe(SchemaValidationException e) {
    String message = e.getMessage() == null ? "invalid request" : e.getMessage();
    int reason = message.indexOf(" Reason:");
    String what = reason < 0 ? message : message.substring(0, reason);
    String fields = e.getOutputUnit() == null ? null : describe(e.getOutputUnit());
    return fields == null ? message : what + " " + fields;
  }

  /** The fields that failed, or null when the unit names none. */
  static String describe(OutputUnit unit) {
    List<OutputUnit> errors = unit.getErrors() == null ? List.of(unit) : unit.getErrors();
    Map<String, String> byField = new LinkedHashMap<>();
    for (OutputUnit error : errors) {
      String location = field(error.getInstanceLocation());
      String text = error.getError();
      if (text == null) {
        continue;
      }
      Matcher required = REQUIRED.matcher(text);
      if (required.matches()) {
        byField.put(join(location, required.group(1)), "is required");
      } else if (!isWrapper(error.getKeywordLocation())) {
        byField.put(location, text.replace("Instance", "value"));
      } else if (error.getKeywordLocation().endsWith("/additionalProperties")) {
        byField.putIfAbsent(location, "is not a known property");
      }
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> e : byField.entrySet()) {
      boolean hasDeeper = byField.keySet().stream().anyMatch(k -> isInside(k, e.getKey()));
      if (!hasDeeper && parts.size() < MAX_FIELDS) {
        parts.add(e.getKey().isEmpty() ? e.getValue() : e.getKey() + ": " + e.getValue());
      }
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  private static boolean isInside(String field, String parent) {
    if (parent.isEmpty()) {
      return !field.isEmpty();
    }
    return field.startsWith(parent + ".") || field.startsWith(parent + "[");
  }

  private static boolean isWrapper(String keywordLocation) {
    return keywordLocation == null || WRAPPERS.stream().anyMatch(keywordLocation::endsWith);
  }

  /** {@code #/identities/0/type} becomes {@code identities[0].type}. */
  private static String field(String instanceLocation) {
    if (instanceLocation == null) {
      return "";
    }
    String pointer =
        instanceLocation.startsWith("#") ? instanceLocation.substring(1) : instanceLocation;
    StringBuilder out = new StringBuilder();
    for (String token : pointer.split("/")) {
      if (token.isEmpty()) {
        continue;
      }
      String name = token.replace("~1", "/").replace("~0", "~");
      if (name.chars().allMatch(Character::isDigit)) {
        out.append('[').append(name).append(']');
      } else {
        out.append(out.isEmpty() ? "" : ".").append(name);
      }
    }
    return out.toString();
  }

  private static String join(String parent, String child) {
    return parent.isEmpty() ? child : parent + "." + child;
  }
}
