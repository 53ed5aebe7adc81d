package io.contacthub.hub.ingest;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A piece of the sequencer's work and the caller's future. In cluster mode it is kept until the
 * shared log takes its records, to decide again after a refusal; callers only ever see the attempt
 * that stood.
 */
final class SequencerTask<T> {
  private final Supplier<CompletableFuture<T>> work;
  private final CompletableFuture<T> result;
  private CompletableFuture<T> outcome;

  SequencerTask(Supplier<CompletableFuture<T>> work, CompletableFuture<T> result) {
    this.work = work;
    this.result = result;
  }

  void attempt() {
    try {
      outcome = work.get();
    } catch (RuntimeException e) {
      outcome = CompletableFuture.failedFuture(e);
    }
  }

  /** Lets the caller see this attempt's outcome (when it completes, for durable ones). */
  void release() {
    outcome.whenComplete(
        (value, error) -> {
          if (error == null) {
            result.complete(value);
          } else {
            result.completeExceptionally(error);
          }
        });
  }

  void fail(Throwable error) {
    result.completeExceptionally(error);
  }
}
