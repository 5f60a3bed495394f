package io.kubefile.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart whose template never ends fails discovery after the time limit, naming the chart, and the
 * render really stops: the Helm engine runs in a child process that is killed (issue #12 item 4).
 */
@Tag("reliability")
class ChartRenderLimitsTest {
  /** Nested ranges with no output: 10^15 iterations of pure CPU, no memory growth. */
  static final String ENDLESS_TEMPLATE =
      "{{- range until 100000 }}{{ range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}{{ end }}\n";

  static void writeChart(Path chart, String name, String template) throws IOException {
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: " + name + "\nversion: 0.1.0\n");
    Files.writeString(chart.resolve("templates/t.yaml"), template);
  }

  private static long renderers() {
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(
            ChartRenderProcess.class.getName())).orElse(false))
        .filter(ProcessHandle::isAlive)
        .count();
  }

  @Test
  void anEndlessTemplateFailsAfterTheLimitNamingTheChartAndIsStopped(@TempDir Path context) throws Exception {
    writeChart(context.resolve("charts/loop"), "loop", ENDLESS_TEMPLATE);
    DiscoveryOptions options = DiscoveryOptions.all().withChartTimeout(Duration.ofSeconds(3));

    assertThatThrownBy(() -> ImageDiscovery.discover(context, options))
        .isInstanceOf(DiscoveryException.class)
        .hasMessage("charts/loop: rendering the chart took longer than 3 s (a template that never ends?);"
            + " the limit is set with --chart-timeout or KUBEFILE_CHART_TIMEOUT");
    assertThat(renderers()).as("renderer processes still running").isZero();

    // the next chart gets a new renderer
    Path other = Files.createDirectories(context.resolve("other"));
    writeChart(other.resolve("charts/app"), "app", "image: example/app:1\n");
    assertThat(ImageDiscovery.discover(other, options).names()).containsExactly("docker.io/example/app:1");
  }

  @Test
  void theLimitIsReadFromTheEnvironmentInSeconds() {
    assertThat(DiscoveryOptions.chartTimeoutFrom(Map.of())).isEqualTo(DiscoveryOptions.DEFAULT_CHART_TIMEOUT);
    assertThat(DiscoveryOptions.chartTimeoutFrom(Map.of("KUBEFILE_CHART_TIMEOUT", "1.5")))
        .isEqualTo(Duration.ofMillis(1500));
    assertThatThrownBy(() -> DiscoveryOptions.chartTimeoutFrom(Map.of("KUBEFILE_CHART_TIMEOUT", "soon")))
        .isInstanceOf(DiscoveryException.class)
        .hasMessage("KUBEFILE_CHART_TIMEOUT must be a positive number of seconds, not \"soon\"");
  }
}
