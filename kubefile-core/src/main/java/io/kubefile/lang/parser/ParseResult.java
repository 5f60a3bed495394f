package io.kubefile.lang.parser;

import java.util.List;

/**
 * What {@link Parser#parse} returns ({@code parser.Result}).
 *
 * @param fileName the name used in messages
 * @param ast the root node; its children are the instructions in file order
 * @param escapeToken {@code '\\'} or {@code '`'}, from the escape directive
 * @param warnings non-fatal findings, in order
 * @param directives the parser directives found before the first instruction
 */
public record ParseResult(
    String fileName, Node ast, char escapeToken, List<ParseWarning> warnings, List<Directive> directives) {
  public ParseResult {
    warnings = List.copyOf(warnings);
    directives = List.copyOf(directives);
  }

  /** Exactly what buildkit's dumper prints: {@code ast.Dump()} and a newline. */
  public String dump() {
    return ast.dump() + "\n";
  }
}
