package io.contacthub.connector.phone;

import io.contacthub.connector.Channel;
import io.contacthub.connector.ChannelConnector;
import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.DeliveryException;
import io.contacthub.connector.DeliveryReceipt;
import io.contacthub.connector.OutboundMessage;
import io.contacthub.connector.phone.ami.AmiCallMapper;
import io.contacthub.connector.phone.ami.AmiClient;
import io.contacthub.connector.phone.call.CallInteractions;
import io.contacthub.connector.phone.call.CallTracker;
import io.contacthub.connector.phone.cdr.CdrEndpoint;
import io.contacthub.connector.phone.cdr.CdrImporter;
import io.contacthub.connector.phone.cti.CtiEndpoint;
import io.contacthub.connector.phone.cti.RecordingEndpoint;
import io.contacthub.connector.phone.pop.AgentTargeting;
import io.contacthub.connector.phone.pop.ScreenPops;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phone channel: call events in from the generic CTI webhook and the Asterisk Manager
 * Interface, past calls from call logs; each call one interaction on the timeline, and a screen-pop
 * for the agents a ringing call is for. It translates only; the hub stores.
 */
public final class PhoneConnector implements ChannelConnector {

  private static final Logger LOG = LoggerFactory.getLogger(PhoneConnector.class);

  private final Clock clock;
  private volatile CallActions actions;
  private AmiClient ami;

  public PhoneConnector(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.PHONE);
  }

  @Override
  public Future<Void> start(ConnectorContext ctx) {
    PhoneConfig config;
    try {
      config = PhoneConfig.from(ctx.config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    PhoneNumbers numbers =
        new PhoneNumbers(config.defaultRegion(), config.internalNumberMaxDigits());
    CallInteractions interactions = new CallInteractions(numbers);
    AgentTargeting targeting = new AgentTargeting(ctx, config.queues());
    ScreenPops pops = new ScreenPops(ctx, targeting, numbers, config.historyItems());
    CallTracker tracker =
        new CallTracker(
            ctx,
            interactions,
            pops,
            targeting,
            clock,
            PhoneConfig.MAX_TRACKED_CALLS,
            PhoneConfig.ENDED_CALL_MEMORY,
            PhoneConfig.ACTIVE_CALL_MEMORY);
    actions = new CallActions(tracker, clock);
    Tokens tokens = new Tokens(config.ctiToken(), ctx);
    if (!tokens.ctiConfigured()) {
      LOG.warn("phone.ctiToken (HUB_PHONE_CTI_TOKEN) is not set: the CTI endpoint refuses calls");
    }
    Router router = ctx.router(Channel.PHONE);
    new CtiEndpoint(tokens, tracker, clock).mount(router);
    new RecordingEndpoint(tokens, actions).mount(router);
    new CdrEndpoint(
            ctx.vertx(),
            tokens,
            new CdrImporter(ctx, interactions),
            numbers,
            config.cdrZone(),
            config.cdrMaxBytes())
        .mount(router);
    if (config.ami() != null) {
      ami =
          new AmiClient(
              ctx.vertx(), config.ami(), new AmiCallMapper(numbers, tracker::handle, clock));
      ami.start();
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    AmiClient client = ami;
    ami = null;
    return client == null ? Future.succeededFuture() : client.stop();
  }

  /** Calls are placed from the phone, not sent through the hub. */
  @Override
  public Future<DeliveryReceipt> send(OutboundMessage message) {
    return Future.failedFuture(
        new DeliveryException(
            "the phone channel does not send messages; place calls from the phone", false, null));
  }

  /** Recordings for calls; null before {@link #start}. */
  public CallActions calls() {
    return actions;
  }
}
