package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.Descriptor;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build --init}: init.sh prepares the build (here: downloads a per-arch binary and writes
 * the Kubefile) in a working copy; the image holds its output and the user's directory is as it was.
 */
class BuildInitTest {
  @TempDir Path tmp;

  private Path context(String script) throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx/manifests"));
    Files.writeString(ctx.resolve("app.yaml"), "kind: ConfigMap\n");
    Files.writeString(tmp.resolve("ctx/init.sh"), script);
    return tmp.resolve("ctx");
  }

  @Test
  void the_image_holds_what_init_sh_made_for_the_platform_and_the_context_is_unchanged() throws Exception {
    Path ctx = context("""
        set -e
        mkdir -p opt
        echo "$1 $2 $3 $4" > opt/helm
        echo "# for $1" >> manifests/app.yaml
        printf 'FROM scratch\\nCOPY opt opt\\nCOPY manifests manifests\\nCOPY registry registry\\n' > Kubefile
        """);
    Map<String, String> before = snapshot(ctx);
    Path store = tmp.resolve("store");

    CliRun.Result r = CliRun.run(store, "build", "--init", "--init-arg", "extra", "--platform",
        "linux/arm64", "-t", "labring/helm:v3.8.2", "-t", "other:v9", ctx.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("bash init.sh arm64 helm v3.8.2 extra");
    Map<String, String> files = files(store, "docker.io/labring/helm:v3.8.2");
    assertThat(files).containsEntry("opt/helm", "arm64 helm v3.8.2 extra\n")
        .containsEntry("manifests/app.yaml", "kind: ConfigMap\n# for arm64\n")
        .containsKey("registry/");
    assertThat(snapshot(ctx)).as("the user's directory, registry/ included").isEqualTo(before);
    try (Stream<Path> temp = Files.walk(store.resolve(".tmp"))) {
      assertThat(temp.filter(p -> !Files.isDirectory(p)).filter(p -> !p.toString().endsWith(".lock")))
          .as("no working copy is left in the store").isEmpty();
    }
  }

  @Test
  void a_failing_init_sh_fails_the_build_with_its_output() throws Exception {
    Path ctx = context("echo fetching helm-$3-linux-$1.tar.gz\nexit 7\n");

    CliRun.Result r = CliRun.run(tmp.resolve("store"), "build", "-q", "--init", "--platform",
        "linux/amd64", "-t", "helm:v1", ctx.toString());

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains(ctx.toAbsolutePath().resolve("init.sh") + " failed for linux/amd64"
        + " (bash init.sh amd64 helm v1, exit code 7); its output:\n  fetching helm-v1-linux-amd64.tar.gz");
  }

  @Test
  void with_two_platforms_each_image_holds_what_its_own_init_sh_run_made() throws Exception {
    Path ctx = context("mkdir -p opt && echo \"binary for $1\" > opt/tool\n"
        + "printf 'FROM scratch\\nCOPY opt opt\\n' > Kubefile\n");
    Map<String, String> before = snapshot(ctx);
    Path store = tmp.resolve("store");

    CliRun.Result r = CliRun.run(store, "build", "--init", "--platform", "linux/amd64,linux/arm64",
        "-t", "test/tool:v1", ctx.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("bash init.sh amd64 tool v1").contains("bash init.sh arm64 tool v1");
    ImageStore images = ImageStore.open(store);
    StoredImage index = images.findByName("docker.io/test/tool:v1").orElseThrow();
    for (String arch : new String[] {"amd64", "arm64"}) {
      StoredImage image = images.imageOf(index.entry(), io.kubefile.image.Platform.parse("linux/" + arch));
      assertThat(files(images, image)).containsEntry("opt/tool", "binary for " + arch + "\n");
    }
    assertThat(snapshot(ctx)).isEqualTo(before);
  }

  /** Path → content of every regular file in the image (directories end in "/"). */
  private static Map<String, String> files(Path root, String name) throws Exception {
    ImageStore store = ImageStore.open(root);
    return files(store, store.findByName(name).orElseThrow());
  }

  private static Map<String, String> files(ImageStore store, StoredImage image) throws Exception {
    Map<String, String> files = new TreeMap<>();
    for (Descriptor layer : image.manifest().layers()) {
      try (InputStream in = store.openBlob(layer.digest());
          TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
        for (TarArchiveEntry e = tar.getNextTarEntry(); e != null; e = tar.getNextTarEntry()) {
          files.put(e.getName(), e.isDirectory() ? "" : new String(tar.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return files;
  }

  private static Map<String, String> snapshot(Path root) throws Exception {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        entries.put(root.relativize(p).toString(),
            PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS))
                + " " + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS)
                + (Files.isRegularFile(p) ? " " + Files.readString(p) : ""));
      }
    }
    return entries;
  }
}
