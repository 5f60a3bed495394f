package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.store.External;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --platform}: validated the same way by every command, before anything is read or written. */
class PlatformOptionTest {
  @TempDir Path tmp;

  private Path context() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(dir.resolve("Kubefile"), "FROM scratch\nCMD [\"true\"]\n");
    return dir;
  }

  @Test
  void a_comma_list_builds_one_image_per_platform_instead_of_architecture_amd64_comma_linux() throws Exception {
    Path store = tmp.resolve("store");
    CliRun.Result r = CliRun.run(store, "build", "-q", "--save-image=false", "-t", "test/two:v1",
        "--platform", "linux/amd64,linux/arm64", context().toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    String index = External.run("skopeo", "inspect", "--raw", "oci:" + store + ":docker.io/test/two:v1");
    assertThat(index).contains("\"architecture\":\"amd64\"", "\"architecture\":\"arm64\"")
        .doesNotContain("amd64,linux");
  }

  @Test
  void a_command_that_reads_one_platform_refuses_a_comma_list_naming_the_value() {
    CliRun.Result r = CliRun.run(tmp.resolve("store"), "pull", "--platform", "linux/amd64,linux/arm64", "127.0.0.1:1/x:v1");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).startsWith("Error: invalid platform \"linux/amd64,linux/arm64\": give one os/arch[/variant]");
  }

  @Test
  void a_component_with_other_characters_is_refused() {
    CliRun.Result r = CliRun.run(tmp.resolve("store"), "pull", "--platform", "linux/amd64;x", "127.0.0.1:1/x:v1");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).isEqualTo("Error: invalid platform \"linux/amd64;x\": \"amd64;x\" is not an os, architecture"
        + " or variant (letters, digits, _ and - only)" + System.lineSeparator());
  }

  @Test
  void an_unknown_os_arch_pair_builds_with_a_warning() throws Exception {
    CliRun.Result r = CliRun.run(tmp.resolve("store"), "build", "--save-image=false", "-t", "test/foo:v1",
        "--platform", "linux/foo", context().toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("WARNING: platform linux/foo is not a known os/architecture pair");
  }

  @Test
  void a_doubtful_platform_given_twice_is_warned_about_once() throws Exception {
    CliRun.Result r = CliRun.run(tmp.resolve("store"), "build", "--save-image=false", "-t", "test/foo:v1",
        "--platform", "linux/foo", "--platform", "linux/foo", context().toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err().split("WARNING: platform linux/foo is not a known", -1)).as(r.err()).hasSize(2);
  }

  @Test
  void a_known_pair_gives_no_warning() throws Exception {
    CliRun.Result r = CliRun.run(tmp.resolve("store"), "build", "--save-image=false", "-t", "test/arm:v1",
        "--platform", "linux/arm64/v8", context().toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("WARNING");
  }
}
