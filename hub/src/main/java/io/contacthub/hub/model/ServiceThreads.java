package io.contacthub.hub.model;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** For a service that does its work on one thread of its own, in order (ingest, routing). */
public final class ServiceThreads {

  private ServiceThreads() {}

  /**
   * Hands a result from the service's thread back to the caller's context, with the failure callers
   * should see: the real cause, not the {@link CompletionException} that dependent stages wrap it
   * in; bad input stays a client error, and a store that cannot write means nothing was
   * acknowledged: 503 ({@code store} names it in the detail).
   */
  public static <T> Future<T> onContext(CompletableFuture<T> result, Context ctx, String store) {
    Promise<T> promise = Promise.promise();
    result.whenComplete(
        (value, error) ->
            ctx.runOnContext(
                v -> {
                  if (error == null) {
                    promise.complete(value);
                  } else {
                    promise.fail(cause(error, store));
                  }
                }));
    return promise.future();
  }

  /** Stops taking work and waits up to 30 s for the work under way, then interrupts it. */
  public static void stop(ExecutorService thread) {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static Throwable cause(Throwable t, String store) {
    Throwable cause = t;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof IOException || cause instanceof UncheckedIOException) {
      return HubException.unavailable(store + " cannot write: " + cause.getMessage(), 5);
    }
    return cause;
  }
}
