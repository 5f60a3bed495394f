package io.kubefile.distribution;

import java.time.Duration;

/**
 * How often and how patiently to retry: connection resets, 5xx and 429 answers are retried with
 * exponential backoff; a {@code Retry-After} header overrides the computed delay (capped at {@link
 * #maxDelay()}).
 *
 * @param maxAttempts total tries including the first (1 disables retrying)
 * @param initialDelay the delay before the second try
 * @param maxDelay the longest single wait
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30));
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (initialDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("retry delays must not be negative");
    }
  }

  /** The backoff before try number {@code attempt + 1}, where {@code attempt} starts at 1. */
  Duration delayAfter(int attempt) {
    long millis = initialDelay.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
  }

  /** The server's {@code Retry-After}, if any, bounded by {@link #maxDelay()}. */
  Duration delayAfter(int attempt, Duration retryAfter) {
    if (retryAfter == null) {
      return delayAfter(attempt);
    }
    return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
  }
}
