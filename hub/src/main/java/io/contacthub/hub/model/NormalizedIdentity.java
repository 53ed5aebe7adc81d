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
    return JsonTree.of(this, NormalizedIdentity::writeJson);
  }

  /** The fields of {@link #toJson()}, written to {@code out}. */
  public static void writeJson(NormalizedIdentity i, JsonOut out) {
    out.put("type", i.type.wireName()).put("value", i.value).put("verified", i.verified);
  }

  public static NormalizedIdentity fromJson(JsonObject json) {
    return new NormalizedIdentity(
        IdentityType.fromWireName(json.getString("type")).orElseThrow(),
        json.getString("value"),
        json.getBoolean("verified", false));
  }
}
