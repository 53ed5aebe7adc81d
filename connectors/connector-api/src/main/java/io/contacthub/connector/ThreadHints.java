package io.contacthub.connector;

import java.util.List;

/**
 * What a channel knows about where an interaction belongs.
 *
 * @param keys keys that name this interaction's thread position and that later interactions may
 *     reference: an email's Message-ID, a chat session id, a call id, a platform thread id
 * @param references keys of earlier interactions this one answers: In-Reply-To and References
 * @param conversationId an explicit conversation, when the channel carries one (a signed "continue
 *     in chat" link); null otherwise
 */
public record ThreadHints(List<String> keys, List<String> references, String conversationId) {

  public static final ThreadHints NONE = new ThreadHints(List.of(), List.of(), null);

  public ThreadHints {
    keys = keys == null ? List.of() : List.copyOf(keys);
    references = references == null ? List.of() : List.copyOf(references);
  }

  public static ThreadHints key(String key) {
    return new ThreadHints(List.of(key), List.of(), null);
  }
}
