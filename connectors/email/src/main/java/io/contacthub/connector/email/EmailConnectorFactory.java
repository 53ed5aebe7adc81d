package io.contacthub.connector.email;

import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.ChannelConnectorFactory;

/** Registered through {@code META-INF/services}; config section {@code email}. */
public final class EmailConnectorFactory implements ChannelConnectorFactory {

  @Override
  public String type() {
    return "email";
  }

  @Override
  public ChannelConnector create() {
    return new EmailConnector(System::getenv);
  }
}
