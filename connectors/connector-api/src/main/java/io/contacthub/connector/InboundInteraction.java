package io.contacthub.connector;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One interaction as a connector normalized it from its protocol. The hub resolves the customer and
 * the conversation, makes it durable and indexes it.
 *
 * @param externalId the channel's own id; {@code (channel, externalId)} identifies the interaction,
 *     so a retried delivery is recognized and never stored twice
 * @param identities every identity seen (sender first); the hub normalizes them
 * @param html already sanitized HTML, or null
 * @param automated an auto-reply or system message: recorded, but never reopens a conversation,
 *     never triggers offers and is never answered automatically
 * @param extras channel-specific fields, kept on the timeline as they are
 */
public record InboundInteraction(
    Channel channel,
    String externalId,
    Direction direction,
    InteractionKind kind,
    Instant occurredAt,
    List<Identity> identities,
    ThreadHints thread,
    String subject,
    String text,
    String html,
    List<AttachmentRef> attachments,
    boolean automated,
    JsonObject extras) {

  public InboundInteraction {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(occurredAt, "occurredAt");
    identities = identities == null ? List.of() : List.copyOf(identities);
    thread = thread == null ? ThreadHints.NONE : thread;
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    extras = extras == null ? new JsonObject() : extras.copy();
  }

  /** Starts a builder for an inbound message on a channel, the common case. */
  public static Builder message(Channel channel, String externalId) {
    return new Builder(channel, externalId);
  }

  /** A fluent builder; connectors fill in what their protocol has. */
  public static final class Builder {
    private final Channel channel;
    private final String externalId;
    private Direction direction = Direction.INBOUND;
    private InteractionKind kind = InteractionKind.MESSAGE;
    private Instant occurredAt = Instant.now();
    private List<Identity> identities = List.of();
    private ThreadHints thread = ThreadHints.NONE;
    private String subject;
    private String text;
    private String html;
    private List<AttachmentRef> attachments = List.of();
    private boolean automated;
    private JsonObject extras = new JsonObject();

    private Builder(Channel channel, String externalId) {
      this.channel = channel;
      this.externalId = externalId;
    }

    public Builder direction(Direction v) {
      direction = v;
      return this;
    }

    public Builder kind(InteractionKind v) {
      kind = v;
      return this;
    }

    public Builder occurredAt(Instant v) {
      occurredAt = v;
      return this;
    }

    public Builder identities(List<Identity> v) {
      identities = v;
      return this;
    }

    public Builder thread(ThreadHints v) {
      thread = v;
      return this;
    }

    public Builder subject(String v) {
      subject = v;
      return this;
    }

    public Builder text(String v) {
      text = v;
      return this;
    }

    public Builder html(String v) {
      html = v;
      return this;
    }

    public Builder attachments(List<AttachmentRef> v) {
      attachments = v;
      return this;
    }

    public Builder automated(boolean v) {
      automated = v;
      return this;
    }

    public Builder extras(JsonObject v) {
      extras = v;
      return this;
    }

    public InboundInteraction build() {
      return new InboundInteraction(
          channel,
          externalId,
          direction,
          kind,
          occurredAt,
          identities,
          thread,
          subject,
          text,
          html,
          attachments,
          automated,
          extras);
    }
  }
}
