package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubefile build}: what it prints, and where. */
class BuildCommandTest {
  @TempDir Path tmp;

  private Path context() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("ctx/manifests"));
    Files.writeString(dir.resolve("app.yaml"), "kind: ConfigMap\n");
    Files.writeString(tmp.resolve("ctx/Kubefile"), "FROM scratch\nCOPY manifests ./manifests\nCMD [\"kubectl apply -f manifests\"]\n");
    return tmp.resolve("ctx");
  }

  @Test
  void quiet_prints_only_the_image_id_as_buildah_does() throws Exception {
    Path store = tmp.resolve("store");
    CliRun.Result r = CliRun.run(store, "build", "-q", "--save-image=false", "-t", "test/cli:v1",
        context().toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    String id = ImageStore.open(store).resolve("docker.io/test/cli:v1").orElseThrow().id().hex();
    assertThat(r.out()).isEqualTo(id + System.lineSeparator());
    assertThat(id).matches("[0-9a-f]{64}");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void without_quiet_progress_and_names_go_to_stderr_and_the_id_to_stdout() throws Exception {
    Path store = tmp.resolve("store");
    CliRun.Result r = CliRun.run(store, "build", "--save-image=false", "-t", "test/cli:v1",
        context().toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).matches("[0-9a-f]{64}\\R");
    assertThat(r.err()).contains("COPY manifests ./manifests").contains("Successfully tagged docker.io/test/cli:v1");
  }

  @Test
  void max_pull_procs_below_one_is_refused_as_in_registry_save() throws Exception {
    CliRun.Result r = CliRun.run(tmp.resolve("store"), "build", "--max-pull-procs", "0", context().toString());

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("--max-pull-procs must be at least 1");
  }

  @Test
  void a_failing_build_exits_non_zero_with_the_message_on_stderr() throws Exception {
    Path ctx = context();
    Files.writeString(ctx.resolve("Kubefile"), "FROM scratch\nCOPY nope.txt /\n");
    CliRun.Result r = CliRun.run(tmp.resolve("store"), "build", "-q", "--save-image=false", ctx.toString());

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("Kubefile:2: COPY failed: \"nope.txt\": not found in build context");
  }

  @Test
  void copying_a_missing_registry_gets_an_empty_one_and_a_warning_with_and_without_saving() throws Exception {
    for (String save : new String[] {"--save-image=true", "--save-image=false"}) {
      Path ctx = context();
      Files.writeString(ctx.resolve("Kubefile"), "FROM scratch\nCOPY manifests manifests\nCOPY registry registry\n");
      Files.deleteIfExists(ctx.resolve("registry"));

      CliRun.Result r = CliRun.run(tmp.resolve("store"), "build", "-q", save, ctx.toString());

      assertThat(r.exitCode()).as(save + ": " + r.err()).isZero();
      assertThat(r.err()).as(save).isEqualTo(
          "WARNING: no image was saved, so registry/ did not exist; created it empty for the COPY" + System.lineSeparator());
      assertThat(ctx.resolve("registry")).as(save).isEmptyDirectory();
    }
  }

  @Test
  void chartTimeoutLimitsTheChartsRenderedToFindTheImagesToSave() throws Exception {
    Path context = Files.createDirectories(tmp.resolve("looping"));
    Files.writeString(context.resolve("Kubefile"), "FROM scratch\nCOPY charts charts\n");
    ListImagesCommandTest.writeEndlessChart(context);

    CliRun.Result r = CliRun.run(tmp.resolve("store"), "build", "-q", "--chart-timeout", "1", context.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("Error: charts/loop: rendering the chart took longer than 1 s"
        + " (a template that never ends?); the limit is set with --chart-timeout or KUBEFILE_CHART_TIMEOUT"
        + System.lineSeparator());
  }

  @Test
  void helpNamesTheChartTimeout() {
    CliRun.Result r = CliRun.run(tmp.resolve("store"), "build", "--help");

    assertThat(r.out()).contains("--chart-timeout=SECONDS", "Time limit for rendering one Helm chart");
  }
}
