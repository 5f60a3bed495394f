package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubefile completion}: the scripts are run by the real shells. For bash, COMP_WORDS drives the
 * completion function as readline would; image names come from a real {@code kubefile} (this build, on
 * PATH) reading a store that holds two images.
 */
class CompletionCommandTest {
  @TempDir Path tmp;
  Path store;
  Path bin;

  @BeforeEach
  void storeAndLauncher() throws Exception {
    store = tmp.resolve("store");
    CliRun.storeImage(store, "docker.io/library/alpha:v1", "alpha");
    CliRun.storeImage(store, "docker.io/team/beta:v2", "beta");
    bin = Files.createDirectories(tmp.resolve("bin"));
    Path launcher = bin.resolve("kubefile");
    Files.writeString(launcher, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
        + "' -cp '" + System.getProperty("java.class.path") + "' io.kubefile.cli.KubefileCommand \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void bash_completes_commands_options_and_local_image_names() throws Exception {
    Path script = script("bash");

    List<List<String>> answers = bash(script,
        List.of("kubefile", "ins"),
        List.of("kubefile", "build", "--ta"),
        List.of("kubefile", "inspect", ""),
        List.of("kubefile", "rmi", "-f", "docker.io/team/"),
        List.of("kubefile", "push", "--authfile", "/nonexistent/"),
        List.of("kubefile", "images", ""),
        List.of("kubefile", "tag", "--root", tmp.resolve("empty").toString(), ""));

    assertThat(answers.get(0)).containsExactly("inspect");
    assertThat(answers.get(1)).containsExactly("--tag", "--target");
    assertThat(answers.get(2)).containsExactlyInAnyOrder("docker.io/library/alpha:v1", "docker.io/team/beta:v2");
    assertThat(answers.get(3)).containsExactly("docker.io/team/beta:v2");
    assertThat(answers.get(4)).as("an option's value is not an image").isEmpty();
    assertThat(answers.get(5)).as("images takes no image argument").isEmpty();
    assertThat(answers.get(6)).as("--root names the store to list").isEmpty();
  }

  @Test
  void zsh_gets_the_bash_script_which_loads_through_bashcompinit() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")), "zsh is not installed");
    Path script = script("zsh");
    assertThat(Files.readString(script)).isEqualTo(Files.readString(script("bash")));

    String registered = run(List.of("zsh", "-f", "-c",
        "autoload -U +X compinit && compinit -u -D; source " + script + "; print -r -- ${_comps[kubefile]}"));

    assertThat(registered.strip()).isEqualTo("_bash_complete -F _kubefile_complete_images -o default");
  }

  @Test
  void fish_completes_commands_options_and_local_image_names() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/fish")), "fish is not installed");
    Path script = script("fish");

    String commands = fish(script, "kubefile ins");
    String options = fish(script, "kubefile build --ta");
    String images = fish(script, "kubefile inspect ");

    assertThat(commands.lines().map(l -> l.split("\t")[0])).containsExactly("inspect");
    assertThat(options.lines().map(l -> l.split("\t")[0])).containsExactlyInAnyOrder("--tag", "--target");
    assertThat(images.lines().map(l -> l.split("\t")[0]))
        .containsExactlyInAnyOrder("docker.io/library/alpha:v1", "docker.io/team/beta:v2");
  }

  @Test
  void an_unknown_shell_is_a_usage_error() {
    CliRun.Result r = CliRun.runWithoutStore("completion", "tcsh");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown shell \"tcsh\": bash, zsh or fish");
  }

  private Path script(String shell) throws Exception {
    CliRun.Result r = CliRun.runWithoutStore("completion", shell);
    assertThat(r.exitCode()).as(r.err()).isZero();
    Path script = tmp.resolve("kubefile." + shell);
    Files.writeString(script, r.out());
    return script;
  }

  /** Runs the bash completion function once per command line (the last word being completed). */
  private List<List<String>> bash(Path script, List<String>... lines) throws Exception {
    StringBuilder program = new StringBuilder("source '" + script + "'\n");
    program.append("ask() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 )); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE};"
        + " COMPREPLY=(); _kubefile_complete_images kubefile \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\""
        + " 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"; echo '<end>'; }\n");
    for (List<String> line : lines) {
      program.append("ask");
      line.forEach(word -> program.append(" '").append(word).append("'"));
      program.append('\n');
    }
    String output = run(List.of("bash", "-c", program.toString()));
    List<List<String>> answers = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String l : output.split("\n", -1)) {
      if (l.equals("<end>")) {
        answers.add(current);
        current = new ArrayList<>();
      } else if (!l.isEmpty()) {
        current.add(l);
      }
    }
    assertThat(answers).hasSize(lines.length);
    return answers;
  }

  private String fish(Path script, String commandLine) throws Exception {
    return run(List.of("fish", "--no-config", "-c", "source " + script + "; complete -C '" + commandLine + "'"));
  }

  private String run(List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().put("KUBEFILE_ROOT", store.toString());
    builder.environment().put("HOME", tmp.toString());
    Process process = builder.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(Arrays.toString(command.toArray()) + ": " + out).isZero();
    return out;
  }
}
