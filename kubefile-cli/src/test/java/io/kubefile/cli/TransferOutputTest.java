package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.distribution.RegistryServer;
import io.kubefile.ssh.ClassFixture;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What transfers print, against a real loopback registry: {@code --progress=tty} forced and its ANSI
 * output played on a screen, {@code plain}, summaries that count and say where blobs came from, and
 * {@code save} saying what it wrote.
 */
class TransferOutputTest {
  @TempDir static Path registryDir;
  @RegisterExtension static final ClassFixture<RegistryServer> registry =
      ClassFixture.of(() -> RegistryServer.startPlain(registryDir));

  @TempDir Path pusher;
  @TempDir Path puller;
  @TempDir Path work;

  private String pushed(String repository, String seed) throws Exception {
    String name = registry.get().host() + "/" + repository + ":v1";
    CliRun.storeImage(pusher, name, seed);
    CliRun.Result push = CliRun.run(pusher, "push", "-q", name);
    assertThat(push.exitCode()).as(push.err()).isZero();
    return name;
  }

  @Test
  void a_forced_tty_pull_leaves_one_finished_line_per_blob_on_the_screen() throws Exception {
    String name = pushed("progress/tty", "tty");

    CliRun.Result pull = CliRun.run(puller, "pull", "--progress=tty", name);

    assertThat(pull.exitCode()).as(pull.err()).isZero();
    assertThat(pull.err()).contains("\033[");
    StoredImage image = ImageStore.open(puller).findByName(name).orElseThrow();
    String layer = image.manifest().layers().get(0).digest().shortHex();
    String config = image.manifest().config().digest().shortHex();
    assertThat(AnsiScreen.play(pull.err()).lines()).containsExactlyInAnyOrder(
        "Trying to pull " + name + "...",
        "Copying blob sha256:" + layer + " done  " + ProgressPrinter.binary(image.manifest().layers().get(0).size()),
        "Copying config sha256:" + config + " done  " + ProgressPrinter.binary(image.manifest().config().size()));
  }

  @Test
  void a_plain_pull_prints_one_line_per_blob_and_no_control_characters() throws Exception {
    String name = pushed("progress/plain", "plain");

    CliRun.Result pull = CliRun.run(puller, "pull", "--progress=plain", name);

    assertThat(pull.exitCode()).as(pull.err()).isZero();
    assertThat(pull.err()).doesNotContain("\033").doesNotContain("\r");
    assertThat(pull.err().lines().filter(l -> l.startsWith("Copying "))).hasSize(2).allMatch(l -> l.endsWith(" done"));
  }

  @Test
  void quiet_progress_prints_no_transfer_lines() throws Exception {
    String name = pushed("progress/quiet", "quiet");

    CliRun.Result pull = CliRun.run(puller, "pull", "--progress=quiet", name);

    assertThat(pull.exitCode()).as(pull.err()).isZero();
    assertThat(pull.err()).doesNotContain("Copying");
  }

  @Test
  void an_unknown_progress_mode_is_a_usage_error() throws Exception {
    CliRun.Result pull = CliRun.run(puller, "pull", "--progress=fancy", "x");

    assertThat(pull.exitCode()).isEqualTo(2);
    assertThat(pull.err()).contains("--progress must be plain, tty or quiet, not \"fancy\"");
  }

  @Test
  void registry_save_counts_blobs_and_says_when_they_came_from_the_store() throws Exception {
    String name = pushed("progress/save", "save");
    Path first = context("first", name);
    Path second = context("second", name);

    CliRun.Result fetched = CliRun.runWithoutStore("registry", "save", "--root=" + puller, "--progress=plain", first.toString());
    CliRun.Result linked = CliRun.runWithoutStore("registry", "save", "--root=" + puller, "--progress=plain", second.toString());

    assertThat(fetched.exitCode()).as(fetched.err()).isZero();
    assertThat(fetched.err()).contains("Resolving 1 image (up to ")
        .contains("Saving 1 image into ")
        .containsPattern("Saved 1 image: 2 blobs downloaded \\([0-9]+ bytes\\)");
    assertThat(linked.exitCode()).as(linked.err()).isZero();
    assertThat(linked.err()).contains("Saved 1 image: nothing downloaded: every blob was already in registry/ or the local store");
  }

  @Test
  void save_says_what_it_wrote() throws Exception {
    CliRun.storeImage(puller, "example/saved:v1", "saved");
    CliRun.storeImage(puller, "example/saved:v2", "saved2");
    Path archive = work.resolve("two.tar");

    CliRun.Result save = CliRun.run(puller, "save", "-o", archive.toString(), "example/saved:v1", "example/saved:v2");

    assertThat(save.exitCode()).as(save.err()).isZero();
    assertThat(save.out()).isEmpty();
    assertThat(save.err()).isEqualTo("Wrote 2 images to " + archive + " (oci-archive, "
        + HumanUnits.size(Files.size(archive)) + ")" + System.lineSeparator());
    assertThat(CliRun.run(puller, "save", "-q", "-o", work.resolve("one.tar").toString(), "example/saved:v1").err())
        .isEmpty();
  }

  private Path context(String dir, String image) throws Exception {
    Path context = Files.createDirectories(work.resolve(dir).resolve("images/shim"));
    Files.writeString(context.resolve("list"), image + "\n");
    return context.getParent().getParent();
  }
}
