package io.kubefile.lang.parser;

import io.kubefile.lang.go.GoText;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubefile parser: a line-by-line port of moby/buildkit's Dockerfile parser
 * ({@code frontend/dockerfile/parser}). No Java library parses Dockerfiles with buildkit's exact
 * behaviour (directives, continuation quirks, heredocs, JSON fallback), and the AST dump must
 * match buildkit's byte for byte, so this is written by hand.
 *
 * <p>Input is bytes, not text: invalid UTF-8 is kept (see {@link GoText}).
 */
public final class Parser {
  /** Go's {@code bufio.Scanner} limit: a line must fit in 64 KiB including its newline. */
  static final int MAX_LINE_BYTES = 64 * 1024;

  private final String fileName;
  private final List<String> lines;
  private int nextLine;
  /** Number of physical lines consumed so far (== the 1-based number of the last one read). */
  private int currentLine;

  private final DirectiveParser directives = new DirectiveParser();
  private final List<ParseWarning> warnings = new ArrayList<>();

  private Parser(byte[] content, String fileName) throws ParseException {
    this.fileName = fileName;
    this.lines = splitLines(content, fileName);
  }

  public static ParseResult parse(byte[] content, String fileName) throws ParseException {
    return new Parser(content, fileName).run();
  }

  public static ParseResult parse(InputStream in, String fileName) throws ParseException, IOException {
    return parse(in.readAllBytes(), fileName);
  }

  /** Splits after every newline, keeping it; strips a UTF-8 BOM from the first line. */
  private static List<String> splitLines(byte[] b, String fileName) throws ParseException {
    List<String> out = new ArrayList<>();
    int start = 0;
    boolean bom = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
    int i = 0;
    while (start < b.length) {
      i = start;
      while (i < b.length && b[i] != '\n') {
        i++;
      }
      if (i - start >= MAX_LINE_BYTES) {
        throw new ParseException(
            fileName, out.size() + 1, "dockerfile line greater than max allowed size of " + (MAX_LINE_BYTES - 1));
      }
      int end = i < b.length ? i + 1 : i;
      int from = out.isEmpty() && bom ? 3 : start;
      out.add(GoText.decode(b, from, end));
      start = end;
    }
    return out;
  }

  private boolean hasNextLine() {
    return nextLine < lines.size();
  }

  private String readLine() {
    currentLine++;
    return lines.get(nextLine++);
  }

  private ParseException error(SyntaxError e, int line) {
    return new ParseException(fileName, Math.max(line, 1), e.getMessage());
  }

  private ParseResult run() throws ParseException {
    Node root = Node.of("");
    root.startLine = -1;
    while (hasNextLine()) {
      String raw = readLine();
      int startLine = currentLine;
      String token = trimLeadingWhitespace(trimNewline(raw));
      try {
        directives.parseLine(token, currentLine);
      } catch (SyntaxError e) {
        throw error(e, currentLine);
      }
      token = stripComment(token);

      Continuation first = Continuation.of(token, directives.escapeToken());
      if (first.ends() && first.text().isEmpty()) {
        continue; // blank line, comment or directive
      }
      StringBuilder line = new StringBuilder(first.text());
      boolean ended = first.ends();
      boolean hasEmptyContinuationLine = false;
      while (!ended && hasNextLine()) {
        String rawContinuation = readLine();
        if (isComment(rawContinuation)) {
          continue;
        }
        String continuation = stripComment(trimNewline(rawContinuation));
        if (trimLeadingWhitespace(continuation).isEmpty()) {
          hasEmptyContinuationLine = true;
          continue;
        }
        Continuation next = Continuation.of(continuation, directives.escapeToken());
        line.append(next.text());
        ended = next.ends();
      }
      String logicalLine = line.toString();
      if (hasEmptyContinuationLine) {
        warnings.add(new ParseWarning(
            "Empty continuation line found in: " + logicalLine,
            "Empty continuation lines will become errors in a future release",
            currentLine));
      }

      Node child;
      try {
        child = LineParsers.nodeFromLine(logicalLine, directives.escapeToken());
        if (canContainHeredoc(child)) {
          readHeredocBodies(child, HeredocDetector.heredocsFromLine(logicalLine), startLine);
        }
      } catch (SyntaxError e) {
        throw error(e, startLine);
      }
      root.addChild(child, startLine, currentLine);
    }
    if (root.startLine < 0) {
      throw new ParseException(fileName, Math.max(currentLine, 1), "file with no instructions");
    }
    return new ParseResult(fileName, root, directives.escapeToken(), warnings, directives.directives());
  }

  private void readHeredocBodies(Node child, List<Heredoc> heredocs, int startLine) throws SyntaxError {
    for (Heredoc heredoc : heredocs) {
      StringBuilder content = new StringBuilder();
      boolean terminated = false;
      while (hasNextLine()) {
        String raw = readLine();
        String possibleTerminator = trimNewline(raw);
        if (heredoc.chomp()) {
          possibleTerminator = trimLeadingTabs(possibleTerminator);
        }
        if (possibleTerminator.equals(heredoc.name())) {
          terminated = true;
          break;
        }
        content.append(raw);
      }
      if (!terminated) {
        throw new SyntaxError("unterminated heredoc");
      }
      child.heredocs.add(heredoc.withContent(content.toString()));
    }
  }

  /** Heredocs apply to non-JSON ADD, COPY and RUN, also when wrapped by ONBUILD. */
  private static boolean canContainHeredoc(Node node) {
    Node target = node;
    if (node.keyword().equals("onbuild") && node.subInstruction() != null) {
      target = node.subInstruction();
    }
    String keyword = target.keyword();
    boolean heredocInstruction = keyword.equals("add") || keyword.equals("copy") || keyword.equals("run");
    return heredocInstruction && !target.isJson();
  }

  /** Go {@code bytes.TrimRight(line, "\r\n")}. */
  static String trimNewline(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }

  private static String trimLeadingWhitespace(String s) {
    return GoText.trimLeftSpace(s);
  }

  private static String trimLeadingTabs(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == '\t') {
      i++;
    }
    return s.substring(i);
  }

  /** buildkit's {@code trimComments}: a line that starts with {@code #} becomes empty. */
  private static String stripComment(String token) {
    return token.startsWith("#") ? "" : token;
  }

  private static boolean isComment(String raw) {
    return trimLeadingWhitespace(trimNewline(raw)).startsWith("#");
  }

  /**
   * Line continuation: buildkit's regex {@code ([^E])E[ \t]*$|^E[ \t]*$} for escape token E. An
   * escaped escape token at the end ({@code foo\\}) does not continue.
   */
  record Continuation(String text, boolean ends) {
    static Continuation of(String line, char escape) {
      int p = line.length();
      while (p > 0 && (line.charAt(p - 1) == ' ' || line.charAt(p - 1) == '\t')) {
        p--;
      }
      if (p == 0 || line.charAt(p - 1) != escape) {
        return new Continuation(line, true);
      }
      if (p == 1) {
        return new Continuation("", false);
      }
      if (line.charAt(p - 2) == escape) {
        return new Continuation(line, true);
      }
      return new Continuation(line.substring(0, p - 1), false);
    }
  }
}
