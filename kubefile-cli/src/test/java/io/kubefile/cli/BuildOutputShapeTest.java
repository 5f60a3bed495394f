package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubefile build} prints what {@code buildah build} prints, in its shape: the oracle is buildah
 * itself, run on the same context (no RUN, so it needs no runtime). Lines are compared after the
 * values that must differ (image IDs, the registry part of names) are masked. Kubefile prints the
 * steps on stderr and only the ID on stdout; buildah prints all on stdout; the order is the same.
 */
class BuildOutputShapeTest {
  static final Path BUILDAH = Path.of("/usr/bin/buildah");

  @TempDir Path tmp;

  @Test
  void a_one_stage_build_prints_every_instruction_as_a_step_then_commit_and_the_id_as_buildah_does() throws Exception {
    Path context = context("ARG V=1\n"
        + "FROM scratch\n"
        + "ARG V\n"
        + "ENV A=$V \\\n"
        + "    B=\"two words\"\n"
        + "label x=y\n"
        + "COPY --chmod=644 manifests ./manifests\n"
        + "CMD [\"kubectl apply -f manifests\"]\n");

    List<String> ours = kubefile(context, "localhost/shape/one:v1");

    assertThat(ours).containsExactly(
        "STEP 1/6: FROM scratch",
        "STEP 2/6: ARG V",
        "STEP 3/6: ENV A=$V     B=\"two words\"",
        "STEP 4/6: label x=y",
        "STEP 5/6: COPY --chmod=644 manifests ./manifests",
        "STEP 6/6: CMD [\"kubectl apply -f manifests\"]",
        "COMMIT <registry>/shape/one:v1",
        "--> <short id>",
        "Successfully tagged <registry>/shape/one:v1",
        "<id>");
    assertThat(ours).isEqualTo(buildah(context, "localhost/shape/one:v1"));
  }

  @Test
  void a_multi_stage_build_prefixes_each_step_with_its_stage_as_buildah_does() throws Exception {
    Path context = context("FROM scratch AS a\n"
        + "COPY manifests /m\n"
        + "FROM scratch\n"
        + "COPY --from=a /m /m2\n"
        + "LABEL z=1\n");

    List<String> ours = kubefile(context, "localhost/shape/multi:v1");

    assertThat(ours).containsExactly(
        "[1/2] STEP 1/2: FROM scratch AS a",
        "[1/2] STEP 2/2: COPY manifests /m",
        "[2/2] STEP 1/3: FROM scratch",
        "[2/2] STEP 2/3: COPY --from=a /m /m2",
        "[2/2] STEP 3/3: LABEL z=1",
        "[2/2] COMMIT <registry>/shape/multi:v1",
        "--> <short id>",
        "Successfully tagged <registry>/shape/multi:v1",
        "<id>");
    assertThat(ours).isEqualTo(buildah(context, "localhost/shape/multi:v1"));
  }

  @Test
  void quiet_prints_the_id_alone_as_buildah_does() throws Exception {
    Path context = context("FROM scratch\nCOPY manifests /m\n");

    CliRun.Result r = CliRun.run(tmp.resolve("store"), "build", "-q", "--save-image=false", "--identity-label=false",
        "-t", "shape/quiet:v1", context.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(mask(r.out().lines().toList())).containsExactly("<id>");
  }

  @Test
  void a_warning_is_printed_once_before_the_steps() throws Exception {
    Path context = context("FROM scratch\n");
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY manifests /m\n");

    CliRun.Result r = CliRun.run(tmp.resolve("store"), "build", "--save-image=false", context.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.err().lines().toList();
    assertThat(lines.stream().filter(l -> l.startsWith("WARNING:"))).containsExactly(
        "WARNING: building Dockerfile; ignoring [Containerfile] (sealos would concatenate them; pass -f to choose)");
    assertThat(lines.get(0)).startsWith("WARNING:");
    assertThat(lines.get(1)).isEqualTo("STEP 1/2: FROM scratch");
  }

  @Test
  void a_multi_platform_build_prints_each_warning_once() throws Exception {
    Path context = context("FROM scratch\n");
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY manifests /m\n");

    CliRun.Result r = CliRun.run(tmp.resolve("store"), "build", "--save-image=false", "--platform",
        "linux/amd64,linux/arm64", context.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err().lines().filter(l -> l.startsWith("WARNING:"))).containsExactly(
        "WARNING: building Dockerfile; ignoring [Containerfile] (sealos would concatenate them; pass -f to choose)");
  }

  @Test
  void the_parsers_findings_are_warnings_before_the_steps() throws Exception {
    Path context = context("FROM scratch\nLABEL a=1 \\\n\n    b=2\n");

    CliRun.Result r = CliRun.run(tmp.resolve("store"), "build", "--save-image=false", context.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err().lines().limit(3)).containsExactly(
        "WARNING: Containerfile:4: Empty continuation line found in: LABEL a=1     b=2",
        "STEP 1/2: FROM scratch",
        "STEP 2/2: LABEL a=1     b=2");
  }

  private Path context(String containerfile) throws Exception {
    Path dir = tmp.resolve("ctx");
    Files.createDirectories(dir.resolve("manifests"));
    Files.writeString(dir.resolve("manifests/app.yaml"), "kind: ConfigMap\n");
    Files.writeString(dir.resolve("Containerfile"), containerfile);
    return dir;
  }

  /** Kubefile's stderr then stdout, masked. */
  private List<String> kubefile(Path context, String tag) {
    CliRun.Result r = CliRun.run(tmp.resolve("store"), "build", "--save-image=false", "--identity-label=false",
        "-t", tag, context.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = new ArrayList<>(r.err().lines().toList());
    lines.addAll(r.out().lines().toList());
    return mask(lines);
  }

  /** buildah's stdout (its copy progress goes to stderr), masked. */
  private List<String> buildah(Path context, String tag) throws Exception {
    assumeTrue(Files.isExecutable(BUILDAH), "buildah is not installed");
    Path storage = tmp.resolve("buildah");
    Path out = tmp.resolve("buildah.out");
    Path err = tmp.resolve("buildah.err");
    Process p = new ProcessBuilder("buildah", "--root", storage.resolve("root").toString(),
        "--runroot", storage.resolve("run").toString(), "--storage-driver", "vfs",
        "build", "--isolation", "chroot", "-t", tag, context.toString())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("buildah finished").isTrue();
    assertThat(p.exitValue()).as(Files.readString(err)).isZero();
    return mask(Files.readAllLines(out, StandardCharsets.UTF_8));
  }

  private static List<String> mask(List<String> lines) {
    return lines.stream()
        .map(l -> l.replaceAll("^[0-9a-f]{64}$", "<id>"))
        .map(l -> l.replaceAll("^--> [0-9a-f]{11}$", "--> <short id>"))
        .map(l -> l.replaceAll("(COMMIT |tagged )(localhost|docker\\.io)/", "$1<registry>/"))
        .toList();
  }
}
