package io.contacthub.connector.phone.ami;

/** Reads Asterisk channel names, which carry the extension of the phone they belong to. */
public final class ChannelNames {

  private ChannelNames() {}

  /**
   * {@code PJSIP/201-0000002a} → 201; {@code Local/201@from-queue-0001;1} → 201; {@code PJSIP/201}
   * (a queue member interface) → 201; null for null.
   */
  public static String extension(String channel) {
    if (channel == null) {
      return null;
    }
    String rest = channel.substring(channel.indexOf('/') + 1);
    int at = rest.indexOf('@');
    if (at >= 0) {
      rest = rest.substring(0, at); // a Local channel names its extension before the context
    } else if (rest.lastIndexOf('-') > 0) {
      rest = rest.substring(0, rest.lastIndexOf('-')); // the channel's sequence suffix
    }
    return rest.isBlank() ? null : rest;
  }
}
