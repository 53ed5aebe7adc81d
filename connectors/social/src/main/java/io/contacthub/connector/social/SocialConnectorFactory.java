package io.contacthub.connector.social;

import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.ChannelConnectorFactory;
import java.time.Clock;

/** Found through {@link java.util.ServiceLoader}; configured by the {@code social} section. */
public final class SocialConnectorFactory implements ChannelConnectorFactory {

  @Override
  public String type() {
    return "social";
  }

  @Override
  public ChannelConnector create() {
    return new SocialConnector(Clock.systemUTC());
  }
}
