package io.kubefile.cli;

import io.kubefile.lang.instructions.Instruction;
import io.kubefile.lang.instructions.Kubefile;
import io.kubefile.lang.go.GoText;
import io.kubefile.lang.parser.ParseResult;
import io.kubefile.lang.parser.ParseWarning;
import io.kubefile.lang.parser.Parser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubefile debug parse [--dump] FILE}: lists the instructions with their lines, or prints
 * buildkit's AST dump (byte-compatible with buildkit's dumper).
 */
@Command(name = "parse", mixinStandardHelpOptions = true, description = "Parse a Kubefile and show the result.")
public final class DebugParseCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--dump", description = "Print the AST exactly as buildkit's parser dumper does.")
  boolean dump;

  @Parameters(index = "0", paramLabel = "FILE", description = "The Kubefile to parse.")
  Path file;

  @Override
  public Integer call() throws Exception {
    byte[] content = Files.readAllBytes(file);
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    if (dump) {
      ParseResult result = Parser.parse(content, name);
      writeRaw(GoText.encode(result.dump()));
      return 0;
    }
    Kubefile kubefile = Kubefile.parse(content, name);
    PrintWriter out = spec.commandLine().getOut();
    for (Instruction instruction : kubefile.instructions()) {
      out.printf("%7s  %s%n", instruction.span(), oneLine(instruction.original()));
    }
    for (ParseWarning warning : kubefile.parse().warnings()) {
      spec.commandLine().getErr().printf("Warning: %s:%d: %s%n", name, warning.line(), warning.shortMessage());
    }
    out.flush();
    return 0;
  }

  /** Keeps the listing one line per instruction even when the text holds control characters. */
  private static String oneLine(String original) {
    String trimmed = GoText.trimSpace(original);
    StringBuilder s = new StringBuilder();
    trimmed.codePoints().forEach(cp -> {
      if (cp == '\t' || GoText.isPrint(cp)) {
        s.appendCodePoint(cp);
      } else {
        String quoted = GoText.quote(new String(Character.toChars(cp)));
        s.append(quoted, 1, quoted.length() - 1);
      }
    });
    return s.toString();
  }

  /**
   * The dump goes to stdout as UTF-8 bytes whatever the platform charset, so that it compares
   * byte for byte with buildkit's dumper.
   */
  private void writeRaw(byte[] bytes) throws IOException {
    spec.commandLine().getOut().flush();
    OutputStream stdout = System.out;
    stdout.write(bytes);
    stdout.flush();
  }
}
