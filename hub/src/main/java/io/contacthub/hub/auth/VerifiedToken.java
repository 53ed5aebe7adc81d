package io.contacthub.hub.auth;

/**
 * What a bearer token with a valid signature says: its caller, and for a user's token the user's
 * token version when it was issued (0 for the ingest token and for tokens issued before versions
 * existed). Whether the user still accepts it is {@link UserStore#callerOf}'s to say.
 */
public record VerifiedToken(Caller caller, long version) {}
