package io.contacthub.connector.webchat.session;

import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.webchat.WebchatConfig;
import io.contacthub.connector.webchat.guard.RateLimiter;
import io.contacthub.connector.webchat.token.VisitorTokens;
import java.time.Clock;

/** What every chat socket shares: the hub, the configuration, tokens, limits and the sessions. */
public record ChatServices(
    ConnectorContext hub,
    WebchatConfig config,
    VisitorTokens tokens,
    RateLimiter perVisitor,
    RateLimiter perIp,
    Sessions sessions,
    Clock clock) {}
