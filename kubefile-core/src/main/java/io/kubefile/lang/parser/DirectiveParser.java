package io.kubefile.lang.parser;

import io.kubefile.lang.go.GoText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * buildkit's {@code DirectiveParser}: recognises {@code # name=value} lines until the first line
 * that is not one. Only {@code syntax}, {@code escape} and {@code check} are directives; anything
 * else (a blank line, an instruction, an ordinary comment) ends directive parsing for good.
 */
final class DirectiveParser {
  private static final Set<String> KNOWN = Set.of("syntax", "escape", "check");
  // Go's \s is [\t\n\f\r ]; $ is the end of text.
  private static final Pattern DIRECTIVE =
      Pattern.compile("^([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*(.+?)[\\t\\n\\f\\r ]*\\z", Pattern.DOTALL);

  private final Set<String> seen = new HashSet<>();
  private final List<Directive> directives = new ArrayList<>();
  private boolean done;
  private char escapeToken = '\\';

  /** Looks at one physical line (newline and leading whitespace already removed). */
  void parseLine(String line, int lineNumber) throws SyntaxError {
    if (done) {
      return;
    }
    if (!line.startsWith("#")) {
      done = true;
      return;
    }
    Matcher m = DIRECTIVE.matcher(GoText.trimLeftSpace(line.substring(1)));
    if (!m.matches()) {
      done = true;
      return;
    }
    String name = m.group(1).toLowerCase(java.util.Locale.ROOT);
    if (!KNOWN.contains(name)) {
      done = true;
      return;
    }
    if (!seen.add(name)) {
      throw new SyntaxError("only one " + name + " parser directive can be used");
    }
    String value = m.group(2);
    if (name.equals("escape")) {
      if (!value.equals("`") && !value.equals("\\")) {
        throw new SyntaxError("invalid escape token '" + value + "' does not match ` or \\");
      }
      escapeToken = value.charAt(0);
    }
    directives.add(new Directive(name, value, lineNumber));
  }

  char escapeToken() {
    return escapeToken;
  }

  List<Directive> directives() {
    return directives;
  }
}
