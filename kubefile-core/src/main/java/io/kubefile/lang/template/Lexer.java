package io.kubefile.lang.template;

import io.kubefile.lang.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go's template lexer ({@code text/template/parse/lex.go}), state for state, so that trim markers,
 * comments, numbers and the error texts ("unclosed action", "bad character U+0023 '#'") match.
 * Go lexes lazily for its parser; the parser here stops at the first error token as Go's does, so
 * lexing up to that token first gives the same tokens and lines.
 */
final class Lexer {
  private static final String LEFT_DELIM = "{{";
  private static final String RIGHT_DELIM = "}}";
  private static final String LEFT_COMMENT = "/*";
  private static final String RIGHT_COMMENT = "*/";
  private static final int EOF = -1;
  private static final Map<String, Kind> KEYWORDS = Map.ofEntries(
      Map.entry(".", Kind.DOT), Map.entry("block", Kind.BLOCK), Map.entry("break", Kind.BREAK),
      Map.entry("continue", Kind.CONTINUE), Map.entry("define", Kind.DEFINE), Map.entry("else", Kind.ELSE),
      Map.entry("end", Kind.END), Map.entry("if", Kind.IF), Map.entry("range", Kind.RANGE),
      Map.entry("nil", Kind.NIL), Map.entry("template", Kind.TEMPLATE), Map.entry("with", Kind.WITH));

  private final String input;
  private final boolean breakOk;
  private final boolean continueOk;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private int start;
  private int line = 1;
  private int startLine = 1;
  private boolean atEof;
  private int parenDepth;

  private Lexer(String input, boolean breakOk, boolean continueOk) {
    this.input = input;
    this.breakOk = breakOk;
    this.continueOk = continueOk;
  }

  /** All tokens up to and including EOF or the first ERROR token. */
  static List<Token> lex(String input, boolean breakOk, boolean continueOk) {
    Lexer l = new Lexer(input, breakOk, continueOk);
    l.run();
    return l.tokens;
  }

  private interface State {
    State next();
  }

  private void run() {
    State state = this::lexText;
    while (state != null) {
      state = state.next();
    }
  }

  private int next() {
    if (pos >= input.length()) {
      atEof = true;
      return EOF;
    }
    int r = input.codePointAt(pos);
    pos += Character.charCount(r);
    if (r == '\n') {
      line++;
    }
    return r;
  }

  private int peek() {
    return pos >= input.length() ? EOF : input.codePointAt(pos);
  }

  private void backup() {
    if (!atEof && pos > 0) {
      int r = input.codePointBefore(pos);
      pos -= Character.charCount(r);
      if (r == '\n') {
        line--;
      }
    }
  }

  private Token thisItem(Kind kind) {
    Token t = new Token(kind, start, input.substring(start, pos), startLine);
    start = pos;
    startLine = line;
    return t;
  }

  private State emit(Kind kind) {
    return emitItem(thisItem(kind));
  }

  private State emitItem(Token t) {
    tokens.add(t);
    return insideAction ? this::lexInsideAction : this::lexText;
  }

  private boolean insideAction;

  private void ignore() {
    line += count(input.substring(start, pos), '\n');
    start = pos;
    startLine = line;
  }

  private boolean accept(String valid) {
    int r = next();
    if (r != EOF && valid.indexOf(r) >= 0) {
      return true;
    }
    backup();
    return false;
  }

  private void acceptRun(String valid) {
    int r;
    do {
      r = next();
    } while (r != EOF && valid.indexOf(r) >= 0);
    backup();
  }

  private State errorf(String message) {
    tokens.add(new Token(Kind.ERROR, start, message, startLine));
    return null;
  }

  private State lexText() {
    int x = input.indexOf(LEFT_DELIM, pos);
    if (x >= 0) {
      if (x > pos) {
        pos = x;
        int trimLength = 0;
        int delimEnd = pos + LEFT_DELIM.length();
        if (hasLeftTrimMarker(input, delimEnd)) {
          trimLength = rightTrimLength(input.substring(start, pos));
        }
        pos -= trimLength;
        line += count(input.substring(start, pos), '\n');
        Token text = thisItem(Kind.TEXT);
        pos += trimLength;
        ignore();
        if (!text.val().isEmpty()) {
          tokens.add(text);
        }
      }
      return this::lexLeftDelim;
    }
    pos = input.length();
    if (pos > start) {
      line += count(input.substring(start, pos), '\n');
      tokens.add(thisItem(Kind.TEXT));
    }
    tokens.add(thisItem(Kind.EOF));
    return null;
  }

  private State lexLeftDelim() {
    pos += LEFT_DELIM.length();
    boolean trimSpace = hasLeftTrimMarker(input, pos);
    int afterMarker = trimSpace ? 2 : 0;
    if (input.startsWith(LEFT_COMMENT, pos + afterMarker)) {
      pos += afterMarker;
      ignore();
      return this::lexComment;
    }
    Token delim = thisItem(Kind.LEFT_DELIM);
    insideAction = true;
    pos += afterMarker;
    ignore();
    parenDepth = 0;
    tokens.add(delim);
    return this::lexInsideAction;
  }

  private State lexComment() {
    pos += LEFT_COMMENT.length();
    int x = input.indexOf(RIGHT_COMMENT, pos);
    if (x < 0) {
      return errorf("unclosed comment");
    }
    pos = x + RIGHT_COMMENT.length();
    int delim = atRightDelim();
    if (delim == 0) {
      return errorf("comment ends before closing delimiter");
    }
    line += count(input.substring(start, pos), '\n');
    thisItem(Kind.COMMENT);
    if (delim == 2) {
      pos += 2;
    }
    pos += RIGHT_DELIM.length();
    if (delim == 2) {
      pos += leftTrimLength(input.substring(pos));
    }
    ignore();
    return this::lexText;
  }

  private State lexRightDelim() {
    boolean trimSpace = atRightDelim() == 2;
    if (trimSpace) {
      pos += 2;
      ignore();
    }
    pos += RIGHT_DELIM.length();
    Token delim = thisItem(Kind.RIGHT_DELIM);
    if (trimSpace) {
      pos += leftTrimLength(input.substring(pos));
      ignore();
    }
    insideAction = false;
    tokens.add(delim);
    return this::lexText;
  }

  private State lexInsideAction() {
    if (atRightDelim() != 0) {
      if (parenDepth == 0) {
        return this::lexRightDelim;
      }
      return errorf("unclosed left paren");
    }
    int r = next();
    if (r == EOF) {
      return errorf("unclosed action");
    }
    if (isSpace(r)) {
      backup();
      return this::lexSpace;
    }
    switch (r) {
      case '=':
        return emit(Kind.ASSIGN);
      case ':':
        if (next() != '=') {
          return errorf("expected :=");
        }
        return emit(Kind.DECLARE);
      case '|':
        return emit(Kind.PIPE);
      case '"':
        return lexQuote();
      case '`':
        return lexRawQuote();
      case '$':
        return lexVariable();
      case '\'':
        return lexChar();
      case '(':
        parenDepth++;
        return emit(Kind.LEFT_PAREN);
      case ')':
        parenDepth--;
        if (parenDepth < 0) {
          return errorf("unexpected right paren");
        }
        return emit(Kind.RIGHT_PAREN);
      default:
        break;
    }
    if (r == '.') {
      if (pos < input.length()) {
        char c = input.charAt(pos);
        if (c < '0' || '9' < c) {
          return lexFieldOrVariable(Kind.FIELD);
        }
      }
      backup();
      return lexNumber();
    }
    if (r == '+' || r == '-' || ('0' <= r && r <= '9')) {
      backup();
      return lexNumber();
    }
    if (isAlphaNumeric(r)) {
      backup();
      return lexIdentifier();
    }
    if (r <= 0x7F && r >= 0x20 && r != 0x7F) {
      return emit(Kind.CHAR);
    }
    return errorf("unrecognized character in action: " + GoFormat.unicodeVerb(r));
  }

  private State lexSpace() {
    int numSpaces = 0;
    while (isSpace(peek())) {
      next();
      numSpaces++;
    }
    if (hasRightTrimMarker(input, pos - 1) && input.startsWith(RIGHT_DELIM, pos - 1 + 2)) {
      backup();
      if (numSpaces == 1) {
        return this::lexRightDelim;
      }
    }
    return emit(Kind.SPACE);
  }

  private State lexIdentifier() {
    while (true) {
      int r = next();
      if (isAlphaNumeric(r)) {
        continue;
      }
      backup();
      String word = input.substring(start, pos);
      if (!atTerminator()) {
        return errorf("bad character " + GoFormat.unicodeVerb(r));
      }
      Kind keyword = KEYWORDS.get(word);
      if (keyword != null && keyword != Kind.DOT) {
        if (keyword == Kind.BREAK && !breakOk || keyword == Kind.CONTINUE && !continueOk) {
          return emit(Kind.IDENTIFIER);
        }
        return emit(keyword);
      }
      if (word.equals("true") || word.equals("false")) {
        return emit(Kind.BOOL);
      }
      return emit(Kind.IDENTIFIER);
    }
  }

  private State lexVariable() {
    if (atTerminator()) {
      return emit(Kind.VARIABLE);
    }
    return lexFieldOrVariable(Kind.VARIABLE);
  }

  private State lexFieldOrVariable(Kind kind) {
    if (atTerminator()) {
      return emit(kind == Kind.VARIABLE ? Kind.VARIABLE : Kind.DOT);
    }
    int r;
    while (true) {
      r = next();
      if (!isAlphaNumeric(r)) {
        backup();
        break;
      }
    }
    if (!atTerminator()) {
      return errorf("bad character " + GoFormat.unicodeVerb(r));
    }
    return emit(kind);
  }

  private boolean atTerminator() {
    int r = peek();
    if (isSpace(r)) {
      return true;
    }
    switch (r) {
      case EOF: case '.': case ',': case '|': case ':': case ')': case '(':
        return true;
      default:
        return input.startsWith(RIGHT_DELIM, pos);
    }
  }

  private State lexChar() {
    return lexEscaped('\'', Kind.CHAR_CONSTANT, "unterminated character constant");
  }

  private State lexQuote() {
    return lexEscaped('"', Kind.STRING, "unterminated quoted string");
  }

  /** A quoted token with backslash escapes that may not span lines (Go's lexChar and lexQuote). */
  private State lexEscaped(char close, Kind kind, String unterminated) {
    while (true) {
      int r = next();
      if (r == '\\') {
        int e = next();
        if (e != EOF && e != '\n') {
          continue;
        }
        return errorf(unterminated);
      }
      if (r == EOF || r == '\n') {
        return errorf(unterminated);
      }
      if (r == close) {
        return emit(kind);
      }
    }
  }

  private State lexNumber() {
    if (!scanNumber()) {
      return errorf("bad number syntax: " + GoFormat.quote(input.substring(start, pos)));
    }
    int sign = peek();
    if (sign == '+' || sign == '-') {
      if (!scanNumber() || input.charAt(pos - 1) != 'i') {
        return errorf("bad number syntax: " + GoFormat.quote(input.substring(start, pos)));
      }
      return emit(Kind.COMPLEX);
    }
    return emit(Kind.NUMBER);
  }

  private boolean scanNumber() {
    accept("+-");
    String digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX")) {
        digits = "0123456789abcdefABCDEF_";
      } else if (accept("oO")) {
        digits = "01234567_";
      } else if (accept("bB")) {
        digits = "01_";
      }
    }
    acceptRun(digits);
    if (accept(".")) {
      acceptRun(digits);
    }
    if (digits.length() == 11 && accept("eE")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    if (digits.length() == 23 && accept("pP")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    accept("i");
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  }

  private State lexRawQuote() {
    while (true) {
      int r = next();
      if (r == EOF) {
        return errorf("unterminated raw quoted string");
      }
      if (r == '`') {
        return emit(Kind.RAW_STRING);
      }
    }
  }

  /** 0: not at the right delimiter; 1: at it; 2: at it with a trim marker before it. */
  private int atRightDelim() {
    if (hasRightTrimMarker(input, pos) && input.startsWith(RIGHT_DELIM, pos + 2)) {
      return 2;
    }
    return input.startsWith(RIGHT_DELIM, pos) ? 1 : 0;
  }

  private static boolean hasLeftTrimMarker(String s, int at) {
    return s.length() >= at + 2 && s.charAt(at) == '-' && isSpace(s.charAt(at + 1));
  }

  private static boolean hasRightTrimMarker(String s, int at) {
    return at >= 0 && s.length() >= at + 2 && isSpace(s.charAt(at)) && s.charAt(at + 1) == '-';
  }

  static boolean isSpace(int r) {
    return r == ' ' || r == '\t' || r == '\r' || r == '\n';
  }

  static boolean isAlphaNumeric(int r) {
    return r == '_' || (r != EOF && (Character.isLetter(r) || Character.getType(r) == Character.DECIMAL_DIGIT_NUMBER));
  }

  private static int rightTrimLength(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.length() - end;
  }

  private static int leftTrimLength(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }
}
