package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kubefile debug parse}, run through the real command line. */
class DebugParseCommandTest {
  @TempDir Path dir;

  private record Run(int exitCode, String out, String err, byte[] stdout) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(stdout, true));
    try {
      CommandLine cl = KubefileCommand.commandLine();
      cl.setOut(new PrintWriter(out));
      cl.setErr(new PrintWriter(err));
      int code = cl.execute(args);
      return new Run(code, out.toString(), err.toString(), stdout.toByteArray());
    } finally {
      System.setOut(original);
    }
  }

  private Path kubefile(String text) throws Exception {
    Path file = dir.resolve("Kubefile");
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  @Test
  void listsInstructionsWithTheirLines() throws Exception {
    Path file = kubefile("FROM scratch\n\nLABEL sealos.io.type=application \\\n  version=v1\nCMD [\"bash\", \"x.sh\"]\n");

    Run run = run("debug", "parse", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(String.join(System.lineSeparator(),
        "      1  FROM scratch",
        "    3-4  LABEL sealos.io.type=application   version=v1",
        "      5  CMD [\"bash\", \"x.sh\"]",
        ""));
  }

  @Test
  void dumpPrintsTheBuildkitAstAndOneNewline() throws Exception {
    Path file = kubefile("FROM scratch\nCOPY --chown=a \"x\" /y\nENV k=\"v\u00e9\"\n");

    Run run = run("debug", "parse", "--dump", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(new String(run.stdout(), StandardCharsets.UTF_8)).isEqualTo(
        "(from \"scratch\")\n(copy [\"--chown=a\"] \"\\\"x\\\"\" \"/y\")\n(env \"k\" \"\\\"v\u00e9\\\"\" \"=\")\n");
  }

  @Test
  void invalidUtf8IsDumpedAsGoEscapes() throws Exception {
    Path file = dir.resolve("Kubefile");
    Files.write(file, new byte[] {'F', 'R', 'O', 'M', ' ', 'a', (byte) 0xff, '\n'});

    Run run = run("debug", "parse", "--dump", file.toString());

    assertThat(new String(run.stdout(), StandardCharsets.UTF_8)).isEqualTo("(from \"a\\xff\")\n");
  }

  @Test
  void anInvalidKubefileFailsWithFileAndLine() throws Exception {
    Path file = kubefile("FROM scratch\n\nENV PATH\n");

    Run run = run("debug", "parse", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("Error: Kubefile:3: ENV must have two arguments" + System.lineSeparator());
  }

  @Test
  void unknownInstructionsFailOnlyInTheListingNotInTheDump() throws Exception {
    Path file = kubefile("FROM scratch\nFOO bar\n");

    assertThat(run("debug", "parse", file.toString()).err()).contains("Kubefile:2: unknown instruction: FOO");
    Run dump = run("debug", "parse", "--dump", file.toString());
    assertThat(dump.exitCode()).isZero();
    assertThat(new String(dump.stdout(), StandardCharsets.UTF_8)).isEqualTo("(from \"scratch\")\n(foo \"\")\n");
  }
}
