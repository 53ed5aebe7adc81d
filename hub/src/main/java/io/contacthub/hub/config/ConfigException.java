package io.contacthub.hub.config;

/** Invalid configuration; the message names the key and, where it applies, its env variable. */
public class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }
}
