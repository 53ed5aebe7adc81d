package io.contacthub.connector.webchat;

import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.ChannelConnectorFactory;
import java.time.Clock;

/** Registers the web chat connector under the config section {@code webchat}. */
public final class WebchatConnectorFactory implements ChannelConnectorFactory {

  @Override
  public String type() {
    return "webchat";
  }

  @Override
  public ChannelConnector create() {
    return new WebchatConnector(Clock.systemUTC());
  }
}
