package io.kubefile.lang.instructions;

import io.kubefile.lang.parser.ParseException;
import io.kubefile.lang.parser.ParseResult;
import io.kubefile.lang.parser.Parser;
import java.util.List;

/**
 * A parsed Kubefile as the builder needs it: the global ARGs before the first FROM, then the
 * stages.
 *
 * @param parse the underlying AST, escape token, warnings and directives
 * @param metaArgs the ARGs before the first FROM
 * @param stages the build stages, in order
 * @param instructions every instruction in file order (metaArgs, FROMs and stage instructions)
 */
public record Kubefile(
    ParseResult parse, List<ArgInstruction> metaArgs, List<Stage> stages, List<Instruction> instructions) {
  public Kubefile {
    metaArgs = List.copyOf(metaArgs);
    stages = List.copyOf(stages);
    instructions = List.copyOf(instructions);
  }

  /** Parses bytes and builds the typed instructions; all errors name {@code fileName:line}. */
  public static Kubefile parse(byte[] content, String fileName) throws ParseException {
    return InstructionParser.kubefile(Parser.parse(content, fileName));
  }

  /** The escape token of the file ({@code \} or backtick), which the builder's lexer must use. */
  public char escapeToken() {
    return parse.escapeToken();
  }

  public String fileName() {
    return parse.fileName();
  }
}
