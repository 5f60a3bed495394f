package io.kubefile.distribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235): a scheme and its parameters, e.g.
 * {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io",
 * scope="repository:x/y:pull,push"}. A header may hold several challenges separated by commas,
 * and quoted values may themselves contain commas, so it is parsed, not split.
 *
 * @param scheme lower-cased ({@code basic}, {@code bearer})
 * @param parameters parameter names lower-cased, values unquoted
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {

  public AuthChallenge {
    scheme = scheme.toLowerCase(Locale.ROOT);
    parameters = Map.copyOf(parameters);
  }

  public boolean isBasic() {
    return scheme.equals("basic");
  }

  public boolean isBearer() {
    return scheme.equals("bearer");
  }

  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
  }

  /** Parses all challenges of all given header values; unparseable tails are ignored. */
  public static List<AuthChallenge> parseAll(List<String> headerValues) {
    List<AuthChallenge> challenges = new ArrayList<>();
    for (String value : headerValues) {
      challenges.addAll(parse(value));
    }
    return challenges;
  }

  /** Parses the challenges of one header value. */
  public static List<AuthChallenge> parse(String header) {
    List<AuthChallenge> result = new ArrayList<>();
    Scanner s = new Scanner(header);
    while (true) {
      s.skipSeparators();
      String scheme = s.token();
      if (scheme.isEmpty()) {
        break;
      }
      Map<String, String> params = new LinkedHashMap<>();
      while (true) {
        s.skipSeparators();
        int mark = s.pos;
        String name = s.token();
        s.skipSpaces();
        if (name.isEmpty() || !s.consume('=')) {
          s.pos = mark; // a bare token: the next challenge's scheme
          break;
        }
        s.skipSpaces();
        String value = s.peek() == '"' ? s.quoted() : s.token68();
        params.put(name.toLowerCase(Locale.ROOT), value);
      }
      result.add(new AuthChallenge(scheme, params));
    }
    return result;
  }

  private static final class Scanner {
    private final String text;
    private int pos;

    Scanner(String text) {
      this.text = text;
    }

    char peek() {
      return pos < text.length() ? text.charAt(pos) : 0;
    }

    boolean consume(char c) {
      if (peek() == c) {
        pos++;
        return true;
      }
      return false;
    }

    void skipSpaces() {
      while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
        pos++;
      }
    }

    void skipSeparators() {
      while (pos < text.length() && (Character.isWhitespace(text.charAt(pos)) || text.charAt(pos) == ',')) {
        pos++;
      }
    }

    String token() {
      int start = pos;
      while (pos < text.length() && isTokenChar(text.charAt(pos))) {
        pos++;
      }
      return text.substring(start, pos);
    }

    /** An unquoted value: a token, possibly with token68's trailing {@code =} padding. */
    String token68() {
      int start = pos;
      while (pos < text.length() && (isTokenChar(text.charAt(pos)) || text.charAt(pos) == '/')) {
        pos++;
      }
      while (pos < text.length() && text.charAt(pos) == '=') {
        pos++;
      }
      return text.substring(start, pos);
    }

    String quoted() {
      StringBuilder value = new StringBuilder();
      pos++; // opening quote
      while (pos < text.length()) {
        char c = text.charAt(pos++);
        if (c == '\\' && pos < text.length()) {
          value.append(text.charAt(pos++));
        } else if (c == '"') {
          break;
        } else {
          value.append(c);
        }
      }
      return value.toString();
    }

    private static boolean isTokenChar(char c) {
      return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
  }
}
