package io.kubefile.cli;

import io.kubefile.discovery.DiscoveryOptions;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --chart-timeout}: how long one Helm chart may take to render while finding a context's
 * images ({@code build}, {@code registry save}, {@code list-images}); a template can loop for ever.
 * Without the flag the library's default applies ({@value DiscoveryOptions#CHART_TIMEOUT_ENV}, else
 * five minutes).
 */
public final class ChartTimeoutOption {
  @Option(names = "--chart-timeout", paramLabel = "SECONDS", converter = Seconds.class,
      description = "Time limit for rendering one Helm chart, fractions allowed (default: $"
          + DiscoveryOptions.CHART_TIMEOUT_ENV + ", else 300).")
  Duration chartTimeout;

  /** Every image source of the context, with this time limit. */
  DiscoveryOptions discovery() {
    DiscoveryOptions all = DiscoveryOptions.all();
    return chartTimeout == null ? all : all.withChartTimeout(chartTimeout);
  }

  /** Picocli's converter: a bad value is a usage error (exit 2) naming the option. */
  static final class Seconds implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return DiscoveryOptions.parseChartTimeout(value).orElseThrow(() ->
          new TypeConversionException("must be a positive number of seconds, not \"" + value + "\""));
    }
  }
}
