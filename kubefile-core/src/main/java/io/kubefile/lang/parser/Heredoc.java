package io.kubefile.lang.parser;

import java.util.regex.Pattern;

/**
 * A heredoc attached to an ADD, COPY or RUN instruction ({@code parser.Heredoc}).
 *
 * @param name the terminator word, quotes removed
 * @param fileDescriptor the digits before {@code <<} (0 when absent); unsigned like Go's uint
 * @param expand false when any part of the terminator was quoted: the body is then literal
 * @param chomp true for {@code <<-}: leading tabs are stripped later ({@link #chompedContent()})
 * @param content the raw body lines, each with its newline; decoded by {@link io.kubefile.lang.go.GoText#decode}
 */
public record Heredoc(String name, long fileDescriptor, boolean expand, boolean chomp, String content) {
  private static final Pattern LEADING_TABS = Pattern.compile("(?m)^\\t+");

  /** buildkit's {@code ChompHeredocContent}: removes leading tabs of every line. */
  public static String chompContent(String content) {
    return LEADING_TABS.matcher(content).replaceAll("");
  }

  /** The body as the builder uses it: chomped when {@link #chomp()}. */
  public String chompedContent() {
    return chomp ? chompContent(content) : content;
  }

  /**
   * buildkit's {@code MustParseHeredoc}: the heredoc a single word such as {@code <<-'EOF'}
   * declares (body empty), or null when the word is not a heredoc marker.
   */
  public static Heredoc parseMarker(String word) {
    try {
      return HeredocDetector.parseHeredoc(word);
    } catch (SyntaxError notAHeredoc) {
      return null;
    }
  }

  Heredoc withContent(String body) {
    return new Heredoc(name, fileDescriptor, expand, chomp, body);
  }
}
