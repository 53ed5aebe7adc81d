package io.contacthub.hub.model;

/**
 * A failure with the HTTP status it maps to; the API renders it as {@code
 * application/problem+json}. Client errors (4xx) are logged without stack traces.
 */
public class HubException extends RuntimeException {

  private final int status;
  private final String title;
  private final transient Integer retryAfterSeconds;

  public HubException(int status, String title, String detail) {
    this(status, title, detail, null);
  }

  public HubException(int status, String title, String detail, Integer retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static HubException badRequest(String detail) {
    return new HubException(400, "Bad Request", detail);
  }

  public static HubException notFound(String detail) {
    return new HubException(404, "Not Found", detail);
  }

  public static HubException conflict(String detail) {
    return new HubException(409, "Conflict", detail);
  }

  public static HubException unavailable(String detail, int retryAfterSeconds) {
    return new HubException(503, "Service Unavailable", detail, retryAfterSeconds);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  /** Seconds for a {@code Retry-After} header, or null. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
