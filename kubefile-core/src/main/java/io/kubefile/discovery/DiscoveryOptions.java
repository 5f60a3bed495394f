package io.kubefile.discovery;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which of a build context's image sources to read, and how long one chart may take to render.
 *
 * @param kinds the sources to read; {@code .sealignore} always applies
 * @param chartTimeout the time limit of one chart's rendering, after which discovery fails naming
 *     the chart (a template can loop for ever)
 */
public record DiscoveryOptions(Set<SourceKind> kinds, Duration chartTimeout) {
  /** The environment variable that sets the chart time limit, in seconds. */
  public static final String CHART_TIMEOUT_ENV = "KUBEFILE_CHART_TIMEOUT";

  /** Generous: real charts render in well under a second; a minute more is no loop yet. */
  public static final Duration DEFAULT_CHART_TIMEOUT = Duration.ofMinutes(5);

  public DiscoveryOptions {
    kinds = Set.copyOf(kinds);
    if (chartTimeout.isNegative() || chartTimeout.isZero()) {
      throw new IllegalArgumentException("the chart rendering time limit must be positive: " + chartTimeout);
    }
  }

  /** The given sources with the chart time limit from the environment. */
  public DiscoveryOptions(Set<SourceKind> kinds) {
    this(kinds, chartTimeoutFrom(System.getenv()));
  }

  /**
   * {@value #CHART_TIMEOUT_ENV} (seconds, fractions allowed) when set, else
   * {@link #DEFAULT_CHART_TIMEOUT}.
   *
   * @throws DiscoveryException when the variable is not a positive number
   */
  public static Duration chartTimeoutFrom(Map<String, String> env) {
    String value = env.get(CHART_TIMEOUT_ENV);
    if (value == null || value.isBlank()) {
      return DEFAULT_CHART_TIMEOUT;
    }
    return parseChartTimeout(value).orElseThrow(() -> new DiscoveryException(
        CHART_TIMEOUT_ENV + " must be a positive number of seconds, not \"" + value + "\""));
  }

  /**
   * A chart time limit written as seconds, fractions allowed ({@code 1.5}), as {@value
   * #CHART_TIMEOUT_ENV} and the CLI's {@code --chart-timeout} take it; empty when {@code seconds}
   * is not a positive number.
   */
  public static Optional<Duration> parseChartTimeout(String seconds) {
    try {
      double value = Double.parseDouble(seconds.trim());
      if (value > 0 && value < 1e9) {
        return Optional.of(Duration.ofMillis(Math.max(1, Math.round(value * 1000))));
      }
    } catch (NumberFormatException e) {
      // not a number: empty
    }
    return Optional.empty();
  }

  /** Everything sealos reads: manifests, charts, shim lists and tar.txt. */
  public static DiscoveryOptions all() {
    return new DiscoveryOptions(EnumSet.allOf(SourceKind.class));
  }

  public static DiscoveryOptions only(SourceKind first, SourceKind... rest) {
    return new DiscoveryOptions(EnumSet.of(first, rest));
  }

  /** The same options without {@code kind}, e.g. {@code all().without(CHART)} to skip Helm. */
  public DiscoveryOptions without(SourceKind kind) {
    EnumSet<SourceKind> remaining = EnumSet.noneOf(SourceKind.class);
    remaining.addAll(kinds);
    remaining.remove(kind);
    return new DiscoveryOptions(remaining, chartTimeout);
  }

  /** The same options with another chart time limit. */
  public DiscoveryOptions withChartTimeout(Duration limit) {
    return new DiscoveryOptions(kinds, limit);
  }

  public boolean reads(SourceKind kind) {
    return kinds.contains(kind);
  }
}
