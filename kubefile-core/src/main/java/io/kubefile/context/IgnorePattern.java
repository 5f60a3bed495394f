package io.kubefile.context;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;

/**
 * One compiled {@code .dockerignore} line (moby/patternmatcher's {@code Pattern}). Simple shapes are
 * matched without a regex, exactly as patternmatcher classifies them:
 *
 * <ul>
 *   <li>{@link MatchType#EXACT}: no wildcard, compared as a string;
 *   <li>{@link MatchType#PREFIX}: {@code dir/**}, a string prefix;
 *   <li>{@link MatchType#SUFFIX}: starts with {@code **} and has no other wildcard, a string suffix
 *       ({@code **}{@code /foo} also matches {@code foo} itself);
 *   <li>{@link MatchType#REGEXP}: anything else, via a regex in which {@code *} and {@code ?} do not
 *       cross {@code /} and {@code **} crosses any number of directories.
 * </ul>
 *
 * <p>The regex is Go RE2 source (user text such as {@code [...]} classes and {@code \} escapes is
 * copied into it, as patternmatcher does), so it is run by RE2/J, Google's Java port of RE2: the same
 * dialect as Go's, and matching in time linear in the path. A backtracking engine
 * ({@code java.util.regex}) takes exponential time on patterns like {@code *a*a*a*a*a*a*b} over long
 * names, which let one {@code .dockerignore} line hang a build.
 */
public final class IgnorePattern {

  /** How a pattern is matched; the names mirror patternmatcher's {@code matchType}. */
  public enum MatchType {
    EXACT,
    PREFIX,
    SUFFIX,
    REGEXP
  }

  private final String cleanedPattern;
  private final boolean exclusion;
  private final List<String> dirs;
  private final MatchType matchType;
  private final String goRegex;
  private final Pattern regex;
  private final boolean regexInvalid;

  IgnorePattern(String cleanedPattern, boolean exclusion) {
    this.cleanedPattern = cleanedPattern;
    this.exclusion = exclusion;
    this.dirs = List.of(cleanedPattern.split("/", -1));
    Compiled compiled = compile(cleanedPattern);
    this.matchType = compiled.type;
    this.goRegex = compiled.type == MatchType.REGEXP ? compiled.regex : "";
    Pattern javaRegex = null;
    boolean invalid = false;
    if (compiled.type == MatchType.REGEXP) {
      try {
        javaRegex = Pattern.compile(goRegex);
      } catch (PatternSyntaxException e) {
        invalid = true; // like Go, reported when the pattern is used, not when it is read
      }
    }
    this.regex = javaRegex;
    this.regexInvalid = invalid;
  }

  /** The pattern after cleaning, without its {@code !}. */
  public String pattern() {
    return cleanedPattern;
  }

  /** Whether this is a {@code !} line, which re-includes what it matches. */
  public boolean isExclusion() {
    return exclusion;
  }

  public MatchType matchType() {
    return matchType;
  }

  /** The regex source as Go's patternmatcher writes it, or "" when no regex is needed. */
  public String goRegex() {
    return goRegex;
  }

  int depth() {
    return dirs.size();
  }

  /**
   * Whether the slash-separated {@code path} matches this pattern by itself (no parent logic).
   *
   * @throws BadPatternException when the pattern's regex is invalid (Go reports it on use)
   */
  public boolean matches(String path) {
    return matches((CharSequence) path);
  }

  /** {@link #matches(String)} over any text; tests pass a text that counts how often it is read. */
  boolean matches(CharSequence text) {
    if (matchType == MatchType.REGEXP) {
      if (regexInvalid) {
        throw BadPatternException.syntaxError();
      }
      return regex.matcher(text).find();
    }
    String path = text.toString();
    return switch (matchType) {
      case EXACT -> path.equals(cleanedPattern);
      case PREFIX -> path.startsWith(cleanedPattern.substring(0, cleanedPattern.length() - 2));
      case SUFFIX -> {
        String suffix = cleanedPattern.substring(2);
        yield path.endsWith(suffix) || (suffix.startsWith("/") && path.equals(suffix.substring(1)));
      }
      case REGEXP -> throw new AssertionError("matched above");
    };
  }

  private record Compiled(MatchType type, String regex) {}

  /** patternmatcher's {@code compile} for the {@code /} separator. */
  private static Compiled compile(String pattern) {
    StringBuilder re = new StringBuilder("^");
    MatchType type = MatchType.EXACT;
    int[] runes = pattern.codePoints().toArray();
    int pos = runes.length > 0 && runes[0] == 0xFEFF ? 1 : 0; // Go's text/scanner skips a leading BOM
    for (int i = 0; pos < runes.length; i++) {
      int ch = runes[pos++];
      if (ch == '*') {
        if (pos < runes.length && runes[pos] == '*') {
          pos++;
          if (pos < runes.length && runes[pos] == '/') {
            pos++; // "**/" behaves like "**"
          }
          if (pos == runes.length) {
            // A trailing "**" accepts everything, as in .gitignore.
            if (type == MatchType.EXACT) {
              type = MatchType.PREFIX;
            } else {
              re.append(".*");
              type = MatchType.REGEXP;
            }
          } else {
            re.append("(.*/)?"); // any number of directories, including none
            type = MatchType.REGEXP;
          }
          if (i == 0) {
            type = MatchType.SUFFIX;
          }
        } else {
          re.append("[^/]*");
          type = MatchType.REGEXP;
        }
      } else if (ch == '?') {
        re.append("[^/]");
        type = MatchType.REGEXP;
      } else if (ch < 0x80 && ".+()|{}$".indexOf(ch) >= 0) {
        // Regex metacharacters that mean nothing in filepath.Match.
        re.append('\\').appendCodePoint(ch);
      } else if (ch == '\\') {
        if (pos < runes.length) {
          re.append('\\').appendCodePoint(runes[pos++]);
          type = MatchType.REGEXP;
        } else {
          re.append('\\');
        }
      } else if (ch == '[' || ch == ']') {
        re.appendCodePoint(ch);
        type = MatchType.REGEXP;
      } else {
        re.appendCodePoint(ch);
      }
    }
    if (type == MatchType.REGEXP) {
      re.append('$');
    }
    return new Compiled(type, re.toString());
  }

  @Override
  public String toString() {
    return (exclusion ? "!" : "") + cleanedPattern;
  }
}
