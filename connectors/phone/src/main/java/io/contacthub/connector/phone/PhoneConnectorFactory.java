package io.contacthub.connector.phone;

import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.ChannelConnectorFactory;
import java.time.Clock;

/** Found through {@link java.util.ServiceLoader}; configured by the {@code phone} section. */
public final class PhoneConnectorFactory implements ChannelConnectorFactory {

  @Override
  public String type() {
    return "phone";
  }

  @Override
  public ChannelConnector create() {
    return new PhoneConnector(Clock.systemUTC());
  }
}
