package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kubefile debug expand}, run through a stand-in {@code debug} parent. */
class DebugExpandCommandTest {

  @Command(name = "debug", subcommands = DebugExpandCommand.class)
  static final class TestDebugGroup implements Runnable {
    @Override
    public void run() {}
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = new CommandLine(new TestDebugGroup());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void printsTheExpandedWord() {
    Run r = run("expand", "-e", "NAME=world", "hello-${NAME}-'$NAME'");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("hello-world-$NAME" + System.lineSeparator());
    assertThat(r.err()).isEmpty();
  }

  @Test
  void withWordsPrintsOneWordPerLine() {
    Run r = run("expand", "--words", "-e", "LIST=a  b", "x$LIST \"c d\"");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().lines()).containsExactly("xa", "b", "c d");
  }

  @Test
  void unsetAndEmptyVariablesAreDistinguished() {
    Run r = run("expand", "-e", "EMPTY", "${EMPTY-unset}/${EMPTY:-empty}/${MISSING-unset}");
    assertThat(r.out().strip()).isEqualTo("/empty/unset");
  }

  @Test
  void anErrorIsOneLineOnStderrWithExitCode1() {
    Run r = run("expand", "${REQUIRED:?must be set}");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip())
        .isEqualTo("Error: failed to process \"${REQUIRED:?must be set}\": REQUIRED: must be set");
  }

  @Test
  void theBacktickEscapeCanBeSelected() {
    Run r = run("expand", "--escape", "`", "a`$b\\c");
    assertThat(r.out().strip()).isEqualTo("a$b\\c");
  }

  @Test
  void worksWithoutAParentToo() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new DebugExpandCommand());
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute("-e", "A=1", "$A$A")).isZero();
    assertThat(out.toString().strip()).isEqualTo("11");
  }
}
