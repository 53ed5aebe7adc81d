package io.contacthub.hub.cluster;

import io.contacthub.hub.routing.SharedRouting;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Routing terms for tests and benches that write to routing's journal without a hub. */
final class Elections {

  private Elections() {}

  /** Campaigns and returns the term once {@code routing} leads (within 10 s). */
  static SharedRouting.Term lead(SharedRouting routing) throws Exception {
    CompletableFuture<SharedRouting.Term> won = new CompletableFuture<>();
    routing.campaign(
        new SharedRouting.Candidate() {
          @Override
          public void elected(SharedRouting.Term term) {
            won.complete(term);
          }

          @Override
          public void deposed(SharedRouting.Term term) {}
        });
    return won.get(10, TimeUnit.SECONDS);
  }
}
