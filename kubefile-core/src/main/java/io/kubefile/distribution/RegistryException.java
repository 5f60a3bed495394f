package io.kubefile.distribution;

import io.kubefile.KubefileException;
import java.util.List;

/**
 * A registry operation failed. The message is meant for users ({@code manifest unknown:
 * docker.io/x/y:tag not found}); {@link #reason()} is for code. Messages never contain credentials
 * or tokens.
 */
public class RegistryException extends KubefileException {

  /** Why an operation failed. */
  public enum Reason {
    /** 401: no credentials, or the registry rejected them. */
    UNAUTHORIZED,
    /** 403: authenticated but not allowed. */
    DENIED,
    /** 404: manifest, blob or repository does not exist. */
    NOT_FOUND,
    /** Content whose size or digest is not what was asked for. */
    DIGEST_MISMATCH,
    /** Something this client will not handle, such as a schema 1 manifest. */
    UNSUPPORTED,
    /** 429 after all retries. */
    TOO_MANY_REQUESTS,
    /** 5xx after all retries. */
    SERVER_ERROR,
    /** The connection failed after all retries. */
    CONNECTION,
    /** The server's certificate could not be verified. */
    TLS,
    /** Any other unexpected answer. */
    PROTOCOL,
    /** The user's registry configuration (registries.conf) cannot be read. */
    CONFIGURATION
  }

  private final Reason reason;
  private final int statusCode;
  private final List<String> errorCodes;

  public RegistryException(Reason reason, String message) {
    this(reason, 0, List.of(), message, null);
  }

  public RegistryException(Reason reason, String message, Throwable cause) {
    this(reason, 0, List.of(), message, cause);
  }

  RegistryException(
      Reason reason, int statusCode, List<String> errorCodes, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.statusCode = statusCode;
    this.errorCodes = List.copyOf(errorCodes);
  }

  public Reason reason() {
    return reason;
  }

  /** The HTTP status that caused this, or 0 when there was none. */
  public int statusCode() {
    return statusCode;
  }

  /** The distribution error codes from the response body ({@code MANIFEST_UNKNOWN}, …). */
  public List<String> errorCodes() {
    return errorCodes;
  }
}
