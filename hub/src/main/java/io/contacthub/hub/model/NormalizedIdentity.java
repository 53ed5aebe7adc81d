package io.contacthub.hub.model;

import io.contacthub.connector.IdentityType;
import io.vertx.core.json.JsonObject;

/**
 * An identity after normalization: emails lower-cased, phone numbers in E.164, platform ids as
 * given. {@link #key()} is the lookup key, unique across types.
 */
public record NormalizedIdentity(IdentityType type, String value, boolean verified) {

  public String key() {
    return type.wireName() + ":" + value;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("type", type.wireName())
        .put("value", value)
        .put("verified", verified);
  }

  public static NormalizedIdentity fromJson(JsonObject json) {
    return new NormalizedIdentity(
        IdentityType.fromWireName(json.getString("type")).orElseThrow(),
        json.getString("value"),
        json.getBoolean("verified", false));
  }
}
