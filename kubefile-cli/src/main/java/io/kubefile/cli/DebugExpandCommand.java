package io.kubefile.cli;

import io.kubefile.lang.shell.Env;
import io.kubefile.lang.shell.ShellExpansionException;
import io.kubefile.lang.shell.ShellLexer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubefile debug expand}: shows how a word from a Kubefile expands, with the same lexer the
 * builder uses (buildkit's rules), so users can check quoting and {@code ${...}} forms without a build.
 */
@Command(
    name = "expand",
    mixinStandardHelpOptions = true,
    description = {
      "Expand variables and remove quotes in WORD exactly as a Kubefile instruction would.",
      "Prints the expanded word, or with --words each resulting word on its own line."
    })
public final class DebugExpandCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-e", "--env"},
      paramLabel = "KEY=VALUE",
      description = "Set a variable (repeatable). KEY alone sets it to the empty string.")
  List<String> env = new ArrayList<>();

  @Option(names = "--words", description = "Split the result into words, one per line (as for EXPOSE or heredoc detection).")
  boolean words;

  @Option(
      names = "--escape",
      paramLabel = "CHAR",
      defaultValue = "\\",
      description = "Escape character, \\ (default) or ` as set by a '# escape=' directive.")
  String escape;

  @Parameters(index = "0", paramLabel = "WORD", description = "The word to expand; quote it for your shell.")
  String word;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!escape.equals("\\") && !escape.equals("`")) {
      err.println("Error: --escape must be \\ or `, got " + escape);
      err.flush();
      return 1;
    }
    ShellLexer lexer = new ShellLexer(escape.charAt(0));
    Env variables = Env.fromKeyValues(env);
    try {
      if (words) {
        lexer.processWords(word, variables).forEach(out::println);
      } else {
        out.println(lexer.processWord(word, variables));
      }
      out.flush();
      return 0;
    } catch (ShellExpansionException e) {
      err.println("Error: " + e.getMessage());
      err.flush();
      return 1;
    }
  }
}
