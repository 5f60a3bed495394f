package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ListImagesCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new ListImagesCommand());
    cli.setExecutionExceptionHandler(new ErrorReporter());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private static Path shared() {
    return Path.of(System.getProperty("kubefile.shared", "../../shared"));
  }

  @Test
  void printsSortedNormalizedReferencesOnePerLine() {
    Path context = shared().resolve("fixtures/sealos/derived/02-shim-list/context");

    assertThat(run(context.toString())).isZero();
    assertThat(out.toString().lines().toList())
        .containsExactly(
            "containers-storage:docker.io/labring/coredns:v0.0.1",
            "docker.io/library/nginx:latest",
            "quay.io/coreos/etcd:v3.5.0");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void anImpliedLatestTagIsNotWrittenAsSealosListsIt(@TempDir Path context) throws Exception {
    Files.createDirectories(context.resolve("manifests"));
    Files.writeString(context.resolve("manifests/pod.yaml"), "containers:\n  - image: busybox\n  - image: nginx:1.25\n");

    assertThat(run(context.toString())).isZero();
    assertThat(out.toString().lines().toList())
        .containsExactly("docker.io/library/busybox", "docker.io/library/nginx:1.25");
  }

  @Test
  void listsCorpusImagesIncludingRenderedCharts() {
    Path context = shared().resolve("corpus/cluster-image/rancher-v2.6.9");

    assertThat(run(context.toString())).isZero();
    assertThat(out.toString().lines().toList())
        .contains("docker.io/rancher/rancher:v2.6.9", "docker.io/rancher/shell:v0.1.18")
        .isSorted();
  }

  @Test
  void jsonGivesEverySourceAndTheSkippedLines() throws Exception {
    Path context = shared().resolve("fixtures/sealos/derived/01-manifests-scan/context");

    assertThat(run("--json", context.toString())).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    JsonNode nginx = json.get("images").get(2);
    assertThat(nginx.get("name").asText()).isEqualTo("docker.io/library/nginx:1.23.1");
    assertThat(nginx.get("transport").asText()).isEqualTo("registry");
    assertThat(nginx.get("sources")).hasSize(2);
    assertThat(nginx.get("sources").get(0).toString())
        .isEqualTo("{\"file\":\"manifests/deploy.yaml\",\"line\":10,\"kind\":\"manifest\",\"text\":\"nginx:1.23.1\"}");
    assertThat(json.get("ignoredLines")).hasSize(3);
  }

  @Test
  void verboseReportsSourcesAndIgnoredLinesOnStderr() {
    Path context = shared().resolve("fixtures/sealos/derived/01-manifests-scan/context");

    assertThat(run("--verbose", context.toString())).isZero();
    assertThat(err.toString())
        .contains("manifests/deploy.yaml:10: manifest: docker.io/library/nginx:1.23.1")
        .contains("manifests/deploy.yaml:23: ignored \"Nginx:1.0\": repository name must be lowercase");
    assertThat(out.toString().lines().toList()).hasSize(7);
  }

  @Test
  void anInvalidShimLineFailsWithFileAndLine() {
    Path context = shared().resolve("fixtures/sealos/derived/03-shim-invalid-line/context");

    assertThat(run(context.toString())).isEqualTo(1);
    assertThat(err.toString()).startsWith("Error: images/shim/list:1: invalid image reference \"nginx:1.25 # inline comment\"");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void anEmptyContextListsNothing(@TempDir Path context) throws Exception {
    Files.createDirectories(context.resolve("manifests"));

    assertThat(run(context.toString())).isZero();
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aMissingContextIsAnError(@TempDir Path dir) {
    assertThat(run(dir.resolve("nope").toString())).isEqualTo(1);
    assertThat(err.toString()).startsWith("Error: build context is not a directory: ");
  }

  @Test
  void chartTimeoutLimitsTheRenderingOfEachChart(@TempDir Path context) throws Exception {
    writeEndlessChart(context);

    assertThat(run("--chart-timeout", "1", context.toString())).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("Error: charts/loop: rendering the chart took longer than 1 s"
        + " (a template that never ends?); the limit is set with --chart-timeout or KUBEFILE_CHART_TIMEOUT"
        + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aChartTimeoutThatIsNoNumberOfSecondsIsAUsageError(@TempDir Path context) {
    assertThat(run("--chart-timeout", "soon", context.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith(
        "Invalid value for option '--chart-timeout': must be a positive number of seconds, not \"soon\"");
  }

  /** A chart whose template loops far longer than any test waits (10^15 empty iterations). */
  static void writeEndlessChart(Path context) throws java.io.IOException {
    Path chart = Files.createDirectories(context.resolve("charts/loop/templates"));
    Files.writeString(chart.resolveSibling("Chart.yaml"), "apiVersion: v2\nname: loop\nversion: 0.1.0\n");
    Files.writeString(chart.resolve("t.yaml"),
        "{{- range until 100000 }}{{ range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}{{ end }}\n");
  }

  @Test
  void helpDescribesTheCommand() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("list-images", "--json", "--verbose", "--chart-timeout=SECONDS", "CONTEXT");
  }
}
