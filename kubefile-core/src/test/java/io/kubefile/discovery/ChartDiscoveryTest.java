package io.kubefile.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** charts/ rendered with the real Helm engine (helm-java), offline, with upstream's settings. */
class ChartDiscoveryTest {
  private static final DiscoveryOptions CHARTS_ONLY = DiscoveryOptions.only(SourceKind.CHART);

  @Test
  void rendersWithTheValuesFileNamedAfterChartYamlAndScansNotes() {
    Path fixture = SharedData.sealosFixture("04-helm-chart");
    DiscoveryResult result = ImageDiscovery.discover(fixture.resolve("context"), CHARTS_ONLY);

    // demo.values.yaml (Chart.yaml name) enables the sidecar; mychart.values.yaml (dir name) is never
    // read; the partial _helpers.tpl is not rendered; NOTES.txt is.
    assertThat(result.names())
        .containsExactlyElementsOf(SharedData.normalized(SharedData.entries(fixture.resolve("expected-images.txt"))));
    assertThat(result.images())
        .flatExtracting(DiscoveredImage::sources)
        .extracting(ImageSource::toString)
        .containsExactly(
            "charts/mychart/templates/NOTES.txt:2",
            "charts/mychart/templates/deployment.yaml:12",
            "charts/mychart/templates/deployment.yaml:10");
    assertThat(result.images()).flatExtracting(DiscoveredImage::sources).extracting(ImageSource::kind).containsOnly(SourceKind.CHART);
  }

  static Stream<Arguments> corpusCharts() {
    return Stream.of(
        Arguments.of("athenaserving-v2.0.0rc1", List.of(
            "docker.io/bitnami/mysql:8.0.28-debian-10-r15",
            "docker.io/bitnami/zookeeper:3.7.0-debian-10-r296",
            "docker.io/library/busybox", // helm test hooks: rendered and scanned upstream too
            "public.ecr.aws/iflytek-open/athena-job:v1.0.0",
            "public.ecr.aws/iflytek-open/atmos-aipaas-open:1.0.0",
            "public.ecr.aws/iflytek-open/companion:2.0.3",
            "public.ecr.aws/iflytek-open/cynosure:2.0.17",
            "public.ecr.aws/iflytek-open/hermes:4.2.1",
            "public.ecr.aws/iflytek-open/opensource/demo/mmocr:v3.1",
            "public.ecr.aws/iflytek-open/webgate-open:latest")),
        Arguments.of("bitnami-mongodb-6.0.2", List.of("docker.io/bitnami/mongodb:6.0.2-debian-11-r1")),
        Arguments.of("endpoints-operator-v0.2.0", List.of("ghcr.io/labring/endpoints-operator:v0.2.0")),
        Arguments.of("flink-kubernetes-operator-1.2.0", List.of("ghcr.io/apache/flink-kubernetes-operator:1.2.0")),
        Arguments.of("mssql-server-2019-latest", List.of("mcr.microsoft.com/mssql/server:2019-latest")),
        Arguments.of("mysql-operator-8.0.27-18.1", List.of(
            "docker.io/percona/percona-xtradb-cluster-operator:1.11.0",
            "docker.io/percona/percona-xtradb-cluster-operator:1.11.0-haproxy",
            "docker.io/percona/percona-xtradb-cluster-operator:1.11.0-logcollector",
            "docker.io/percona/percona-xtradb-cluster-operator:1.11.0-pxc8.0-backup",
            "docker.io/percona/percona-xtradb-cluster:8.0.27-18.1")),
        // Subcharts whose condition is false in the parent values (cstor, jiva, ...) are not rendered.
        Arguments.of("openebs-cstor-v3.3.0", List.of(
            "docker.io/openebs/node-disk-manager:2.0.0",
            "docker.io/openebs/node-disk-operator:2.0.0",
            "docker.io/openebs/provisioner-localpv:3.3.0")),
        // The post-delete hook's image is found: upstream renders hooks as ordinary templates.
        Arguments.of("rancher-v2.6.9", List.of("docker.io/rancher/rancher:v2.6.9", "docker.io/rancher/shell:v0.1.18")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusCharts")
  void rendersEveryCorpusChartOffline(String caseName, List<String> chartImages) {
    Path dir = SharedData.clusterImageCorpus().resolve(caseName);
    DiscoveryResult result = ImageDiscovery.discover(dir, CHARTS_ONLY);

    assertThat(result.names()).containsExactlyElementsOf(chartImages);
  }

  @Test
  void everyCorpusCaseWithChartsIsCovered() throws IOException {
    try (Stream<Path> cases = SharedData.clusterImageCases()) {
      List<String> withCharts = cases.filter(c -> Files.isDirectory(c.resolve("charts"))).map(c -> c.getFileName().toString()).toList();
      assertThat(corpusCharts().map(a -> (String) a.get()[0])).containsExactlyInAnyOrderElementsOf(withCharts);
    }
  }

  @Test
  void fullDiscoveryIsTheUnionOfChartsManifestsAndShim() {
    Path dir = SharedData.clusterImageCorpus().resolve("openebs-cstor-v3.3.0");
    DiscoveryResult all = ImageDiscovery.discover(dir, DiscoveryOptions.all());
    DiscoveryResult withoutCharts = ImageDiscovery.discover(dir, DiscoveryOptions.all().without(SourceKind.CHART));
    DiscoveryResult charts = ImageDiscovery.discover(dir, CHARTS_ONLY);

    assertThat(all.names()).containsAll(withoutCharts.names()).containsAll(charts.names()).isSorted();
    DiscoveredImage ndm = all.images().stream()
        .filter(i -> i.name().equals("docker.io/openebs/node-disk-manager:2.0.0")).findFirst().orElseThrow();
    assertThat(ndm.sources()).extracting(ImageSource::kind).contains(SourceKind.CHART, SourceKind.SHIM);
  }

  /**
   * A chart exercising what helm-java's template does differently from upstream's engine.Render: a
   * {@code lookup} call, hooks and test hooks, NOTES.txt (also in a subchart), a kubeVersion constraint,
   * a declared but not vendored dependency, subcharts enabled and disabled by conditions, a packaged
   * subchart, and the {@code <name>.values.yaml} file.
   */
  @Test
  void rendersHooksNotesLookupsAndConditionalSubchartsOffline(@TempDir Path context) throws IOException {
    Path app = context.resolve("charts/app-dir");
    write(app.resolve("Chart.yaml"), """
        apiVersion: v2
        name: app
        version: 1.0.0
        kubeVersion: ">=1.27.0-0"
        dependencies:
        - name: web
          version: 0.1.0
          condition: web.enabled
        - name: extra
          version: 0.1.0
          condition: extra.enabled
        - name: packed
          version: 0.1.0
        - name: not-vendored
          version: 9.9.9
          repository: https://charts.example.com
        """);
    write(app.resolve("values.yaml"), """
        image: registry.example.com/app/main:1.0
        web:
          enabled: false
        extra:
          enabled: false
        """);
    write(app.resolve("templates/deployment.yaml"), """
        {{- $existing := lookup "v1" "Secret" .Release.Namespace "app-secret" }}
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{ .Release.Name }}-main
          annotations:
            existing: {{ $existing | toJson | quote }}
        spec:
          containers:
          - image: {{ .Values.image }}
        """);
    write(app.resolve("templates/hook.yaml"), """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: migrate
          annotations:
            "helm.sh/hook": pre-install,pre-upgrade
            "helm.sh/hook-weight": "-5"
        spec:
          template:
            spec:
              containers:
              - image: registry.example.com/app/migrate:1.0
        """);
    write(app.resolve("templates/tests/test.yaml"), """
        apiVersion: v1
        kind: Pod
        metadata:
          name: test
          annotations: {"helm.sh/hook": test}
        spec:
          containers:
          - image: busybox:1.36
        """);
    write(app.resolve("templates/NOTES.txt"), """
        Installed {{ .Release.Name }}.
          debug with image: {{ .Values.image | replace "main" "debug" }}
        """);
    write(app.resolve("charts/web/Chart.yaml"), "apiVersion: v2\nname: web\nversion: 0.1.0\n");
    write(app.resolve("charts/web/values.yaml"), "image: nginx:1.25\n");
    write(app.resolve("charts/web/templates/pod.yaml"), "kind: Pod\napiVersion: v1\nmetadata: {name: web}\nspec:\n  containers:\n  - image: {{ .Values.image }}\n");
    write(app.resolve("charts/extra/Chart.yaml"), "apiVersion: v2\nname: extra\nversion: 0.1.0\n");
    write(app.resolve("charts/extra/templates/pod.yaml"), "kind: Pod\napiVersion: v1\nmetadata: {name: extra}\nspec:\n  containers:\n  - image: never/rendered:1\n");
    writeTgz(app.resolve("charts/packed-0.1.0.tgz"), Map.of(
        "packed/Chart.yaml", "apiVersion: v2\nname: packed\nversion: 0.1.0\n",
        "packed/templates/cm.yaml", "{{- $s := lookup \"v1\" \"ConfigMap\" \"\" \"x\" -}}\nkind: ConfigMap\napiVersion: v1\nmetadata: {name: packed}\ndata:\n  image: quay.io/packed/sidecar:2.0\n",
        "packed/templates/NOTES.txt", "packed notes image: quay.io/packed/notes:3.0\n"));
    // Named after Chart.yaml's name ("app"), not the directory: turns the "web" subchart on.
    write(context.resolve("charts/app.values.yaml"), "web:\n  enabled: true\n");

    DiscoveryResult result = ImageDiscovery.discover(context, CHARTS_ONLY);

    assertThat(result.names()).containsExactly(
        "docker.io/library/busybox:1.36",
        "docker.io/library/nginx:1.25",
        "quay.io/packed/notes:3.0",
        "quay.io/packed/sidecar:2.0",
        "registry.example.com/app/debug:1.0",
        "registry.example.com/app/main:1.0",
        "registry.example.com/app/migrate:1.0");
    assertThat(find(result, "registry.example.com/app/debug:1.0").sources())
        .containsExactly(new ImageSource("charts/app-dir/templates/NOTES.txt", 2, SourceKind.CHART, "registry.example.com/app/debug:1.0"));
    assertThat(find(result, "docker.io/library/nginx:1.25").sources())
        .extracting(ImageSource::file).containsExactly("charts/app-dir/charts/web/templates/pod.yaml");
    // The user's chart is untouched.
    assertThat(app.resolve("charts/packed-0.1.0.tgz")).isRegularFile();
    assertThat(Files.readString(app.resolve("templates/deployment.yaml"))).contains("lookup");
    assertThat(app.resolve("templates/NOTES.txt")).isRegularFile();
  }

  @Test
  void aPackagedChartDirectlyUnderChartsIsRendered(@TempDir Path context) throws IOException {
    writeTgz(context.resolve("charts/tool-1.0.0.tgz"), Map.of(
        "tool/Chart.yaml", "apiVersion: v2\nname: tool\nversion: 1.0.0\n",
        "tool/values.yaml", "tag: \"1.0\"\n",
        "tool/templates/pod.yaml", "kind: Pod\napiVersion: v1\nmetadata: {name: tool}\nspec:\n  containers:\n  - image: \"ghcr.io/example/tool:{{ .Values.tag }}\"\n"));
    write(context.resolve("charts/tool.values.yaml"), "tag: \"2.0\"\n");
    write(context.resolve("charts/README.md"), "not a chart: ignored\n");

    DiscoveryResult result = ImageDiscovery.discover(context, CHARTS_ONLY);

    assertThat(result.names()).containsExactly("ghcr.io/example/tool:2.0");
    assertThat(result.images().get(0).sources()).extracting(ImageSource::file)
        .containsExactly("charts/tool-1.0.0.tgz/templates/pod.yaml");
  }

  @Test
  void aDirectoryUnderChartsWithoutChartYamlIsAnError(@TempDir Path context) throws IOException {
    write(context.resolve("charts/docs/index.md"), "# docs\n");

    assertThatThrownBy(() -> ImageDiscovery.discover(context, CHARTS_ONLY))
        .isInstanceOf(DiscoveryException.class)
        .hasMessage("charts/docs is not a Helm chart: Chart.yaml is missing");
  }

  @Test
  void aTemplateErrorNamesTheChart(@TempDir Path context) throws IOException {
    write(context.resolve("charts/broken/Chart.yaml"), "apiVersion: v2\nname: broken\nversion: 0.1.0\n");
    write(context.resolve("charts/broken/templates/x.yaml"), "{{ required \"image is required\" .Values.image }}\n");

    assertThatThrownBy(() -> ImageDiscovery.discover(context, CHARTS_ONLY))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageStartingWith("charts/broken: cannot render chart: ")
        .hasMessageContaining("image is required");
  }

  private static DiscoveredImage find(DiscoveryResult result, String name) {
    return result.images().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  static void writeTgz(Path archive, Map<String, String> files) throws IOException {
    Files.createDirectories(archive.getParent());
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      for (Map.Entry<String, String> file : new java.util.TreeMap<>(files).entrySet()) {
        byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
  }
}
