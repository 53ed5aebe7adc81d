package io.contacthub.connector;

/**
 * The hub refused an interaction. A client error ({@link #status()} 4xx) is final: sending the same
 * input again fails again, so a connector answers its sender with that status rather than asking
 * for a retry. A server error (5xx) is temporary: nothing was stored; try again later.
 */
public class IngestRejectedException extends RuntimeException {

  private final int status;

  public IngestRejectedException(int status, String detail) {
    super(detail, null, false, false);
    this.status = status;
  }

  /** The HTTP status that describes the refusal. */
  public int status() {
    return status;
  }

  /** Whether the same input may succeed later. */
  public boolean retryable() {
    return status >= 500;
  }
}
