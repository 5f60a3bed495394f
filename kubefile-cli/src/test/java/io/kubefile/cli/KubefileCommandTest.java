package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class KubefileCommandTest {
  private static List<List<String>> commandPaths(CommandLine cl, List<String> prefix) {
    List<List<String>> out = new ArrayList<>();
    cl.getSubcommands().forEach((name, sub) -> {
      if (name.equals("help") || !sub.getCommandName().equals(name)) {
        return;
      }
      List<String> path = new ArrayList<>(prefix);
      path.add(name);
      out.add(path);
      out.addAll(commandPaths(sub, path));
    });
    return out;
  }

  @Test
  void everyCommandAnswersHelpWithItsUsage() {
    List<List<String>> paths = commandPaths(KubefileCommand.commandLine(), List.of());
    assertThat(paths).extracting(p -> String.join(" ", p))
        .contains("build", "images", "inspect", "debug parse", "debug expand", "list-images");
    for (List<String> path : paths) {
      StringWriter out = new StringWriter();
      CommandLine cl = KubefileCommand.commandLine();
      cl.setOut(new PrintWriter(out));
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      int code = cl.execute(args.toArray(String[]::new));
      assertThat(code).as(String.join(" ", args)).isZero();
      assertThat(out.toString()).as(String.join(" ", args)).startsWith("Usage: kubefile " + String.join(" ", path));
    }
  }

  @Test
  void versionNamesTheTool() {
    StringWriter out = new StringWriter();
    CommandLine cl = KubefileCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute("--version")).isZero();
    assertThat(out.toString()).startsWith("kubefile version ");
  }

  @Test
  void versionAloneBuildsNoSubcommandAndStillPrintsTheVersion() {
    for (String flag : List.of("--version", "-V")) {
      CommandLine cl = KubefileCommand.commandLineFor(new String[] {flag});
      assertThat(cl.getSubcommands().keySet()).as(flag).containsExactly("help");
      StringWriter out = new StringWriter();
      cl.setOut(new PrintWriter(out));
      assertThat(cl.execute(flag)).isZero();
      assertThat(out.toString()).as(flag).startsWith("kubefile version ");
    }
    assertThat(KubefileCommand.commandLineFor(new String[] {"--version", "images"}).getSubcommands()).containsKey("images");
  }

  @Test
  void everyCommandIsListedUnderTheNameItsAnnotationGives() {
    assertThat(KubefileCommand.COMMANDS).hasSize(26).allSatisfy(command ->
        assertThat(command.getKey()).isEqualTo(command.getValue().getAnnotation(Command.class).name()));
    assertThat(KubefileCommand.commandLine().getSubcommands().keySet())
        .containsExactlyInAnyOrderElementsOf(Stream.concat(Stream.of("help"), KubefileCommand.COMMANDS.stream().map(Map.Entry::getKey)).toList());
  }

  @Test
  void aNamedCommandGetsOnlyItsOwnModelAndAnythingElseTheWholeTree() {
    assertThat(KubefileCommand.commandLineFor(new String[] {"run", "--help"}).getSubcommands().keySet()).containsExactly("help", "run");
    assertThat(KubefileCommand.commandLineFor(new String[] {"list-images", "."}).getSubcommands().keySet()).containsExactly("help", "list-images");
    for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"no-such-command"}, new String[] {"--debug", "run"})) {
      assertThat(KubefileCommand.commandLineFor(args).getSubcommands()).as(String.join(" ", args)).hasSize(27);
    }
  }

  @Test
  void aMissingFileIsNamedInTheError() {
    StringWriter err = new StringWriter();
    CommandLine cl = KubefileCommand.commandLine();
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute("debug", "parse", "/no/such/Kubefile")).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("Error: no such file or directory: /no/such/Kubefile" + System.lineSeparator());
  }

  @Test
  void anErrorIsOneLineWithoutAStackTraceAndExitStatusOne() {
    StringWriter err = new StringWriter();
    CommandLine cl = KubefileCommand.commandLine();
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute("debug", "parse", "/no/such/Kubefile")).isEqualTo(1);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void debugPrintsTheStackTraceAfterTheMessage() {
    StringWriter err = new StringWriter();
    CommandLine cl = KubefileCommand.commandLine();
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute("debug", "parse", "--debug", "/no/such/Kubefile")).isEqualTo(1);
    assertThat(err.toString()).startsWith("Error: no such file or directory: /no/such/Kubefile" + System.lineSeparator())
        .contains("NoSuchFileException").contains("\tat ");
  }

  @Test
  void aUsageErrorExitsWithStatusTwo() {
    StringWriter err = new StringWriter();
    CommandLine cl = KubefileCommand.commandLine();
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute("images", "--no-such-option")).isEqualTo(2);
    assertThat(err.toString()).startsWith("Unknown option: '--no-such-option'");
  }
}
