package io.contacthub.connector;

/**
 * Found through {@link java.util.ServiceLoader}; the hub creates one connector per configured
 * {@link #type()} whose config section is enabled.
 */
public interface ChannelConnectorFactory {

  /** The connector's name: its section under {@code connectors} in the configuration. */
  String type();

  ChannelConnector create();
}
