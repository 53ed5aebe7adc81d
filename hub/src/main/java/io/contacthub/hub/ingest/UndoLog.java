package io.contacthub.hub.ingest;

import io.contacthub.hub.conversation.ConversationStore;
import io.contacthub.hub.identity.CustomerDirectory;
import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.NormalizedIdentity;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Applies the sequencer's decisions to memory and, in cluster mode, remembers how to take them
 * back: a node decides ahead of the shared log, and when the shared log refuses (another node
 * appended first), everything decided since the last commit is undone, newest first, before the
 * node catches up and decides again. In the embedded mode nothing is remembered. Sequencer thread
 * only.
 */
final class UndoLog {

  private final CustomerDirectory customers;
  private final ConversationStore conversations;
  private final RecentWrites recent;
  private final boolean tracking;
  private final ArrayDeque<Runnable> steps = new ArrayDeque<>();

  UndoLog(
      CustomerDirectory customers,
      ConversationStore conversations,
      RecentWrites recent,
      boolean tracking) {
    this.customers = customers;
    this.conversations = conversations;
    this.recent = recent;
    this.tracking = tracking;
  }

  void apply(Customer c) {
    if (tracking) {
      Customer previous = customers.get(c.id()).orElse(null);
      Map<String, String> owners = new LinkedHashMap<>();
      for (NormalizedIdentity i : c.identities()) {
        String key = i.key();
        owners.put(key, customers.ownerOfKey(key));
      }
      steps.push(
          () -> {
            if (previous == null) {
              customers.remove(c.id());
            } else {
              customers.apply(previous);
            }
            owners.forEach(customers::restoreOwner);
          });
    }
    customers.apply(c);
  }

  void apply(Conversation c) {
    if (tracking) {
      Conversation previous = conversations.get(c.id()).orElse(null);
      steps.push(
          () -> {
            if (previous == null) {
              conversations.remove(c.id());
            } else {
              conversations.apply(previous);
            }
          });
    }
    conversations.apply(c);
  }

  void pending(Interaction i, CompletableFuture<Void> durable) {
    Runnable takeBack = recent.put(i, durable);
    if (tracking) {
      steps.push(takeBack);
    }
  }

  /** The decisions so far are committed: nothing to take back any more. */
  void forget() {
    steps.clear();
  }

  /** Takes back every decision since the last {@link #forget}, newest first. */
  void rollback() {
    while (!steps.isEmpty()) {
      steps.pop().run();
    }
  }
}
