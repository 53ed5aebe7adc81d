package io.contacthub.connector.webchat.session;

import io.contacthub.connector.ConnectorContext;
import io.contacthub.connector.webchat.WebchatConfig;
import io.contacthub.connector.webchat.guard.RateLimiter;
import io.contacthub.connector.webchat.token.VisitorTokens;
import io.contacthub.connector.webchat.verify.EmailCodes;
import java.time.Clock;

/**
 * What every chat socket shares: the hub, the configuration, tokens, limits, the sessions and the
 * open email confirmation codes.
 */
public record ChatServices(
    ConnectorContext hub,
    WebchatConfig config,
    VisitorTokens tokens,
    RateLimiter perVisitor,
    RateLimiter perIp,
    Sessions sessions,
    EmailCodes emailCodes,
    Clock clock) {}
