package io.kubefile.lang.template;

/** One lexeme of Go's template lexer ({@code text/template/parse/lex.go} item). */
record Token(Kind kind, int pos, String val, int line) {
  enum Kind {
    ERROR, BOOL, CHAR, CHAR_CONSTANT, COMMENT, COMPLEX, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER,
    LEFT_DELIM, LEFT_PAREN, NUMBER, PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, TEXT,
    VARIABLE,
    // keywords
    BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH;

    boolean isKeyword() {
      return ordinal() >= BLOCK.ordinal();
    }
  }

  /** How Go's item.String() shows a token in "unexpected ..." messages. */
  String describe() {
    switch (kind) {
      case EOF: return "EOF";
      case ERROR: return val;
      default:
        if (kind.isKeyword()) {
          return "<" + val + ">";
        }
        if (val.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 10) {
          return GoFormat.quote(val.substring(0, val.offsetByCodePoints(0, Math.min(10, val.codePointCount(0, val.length()))))) + "...";
        }
        return GoFormat.quote(val);
    }
  }
}
