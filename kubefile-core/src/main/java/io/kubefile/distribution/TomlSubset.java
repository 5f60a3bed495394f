package io.kubefile.distribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the part of TOML that {@code registries.conf} uses: comments, {@code [table]} and {@code
 * [[array.of.tables]]} headers with dotted names, and {@code key = value} lines whose values are
 * strings (basic and literal), booleans, integers or (possibly multi-line) arrays of those. Enough
 * for containers-registries.conf(5) without a parser dependency; anything else is a clear error
 * naming the line.
 *
 * <p>Tables are {@code Map<String, Object>}, arrays of tables {@code List<Map<String, Object>>}.
 */
final class TomlSubset {
  private final String source;
  private final String text;
  private int pos;
  private int line = 1;

  private TomlSubset(String source, String text) {
    this.source = source;
    this.text = text;
  }

  /** Parses {@code text}; {@code source} names it in errors. */
  static Map<String, Object> parse(String source, String text) {
    return new TomlSubset(source, text).document();
  }

  private Map<String, Object> document() {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> current = root;
    while (true) {
      skipBlankAndComments();
      if (pos >= text.length()) {
        return root;
      }
      if (peek() == '[') {
        boolean arrayOfTables = text.startsWith("[[", pos);
        pos += arrayOfTables ? 2 : 1;
        List<String> path = dottedKey();
        expect(arrayOfTables ? "]]" : "]");
        current = arrayOfTables ? appendTable(root, path) : table(root, path);
      } else {
        List<String> path = dottedKey();
        skipSpaces();
        expect("=");
        skipSpaces();
        Object value = value();
        Map<String, Object> target = table(current, path.subList(0, path.size() - 1));
        String key = path.get(path.size() - 1);
        if (target.containsKey(key)) {
          throw error("duplicate key \"" + key + "\"");
        }
        target.put(key, value);
      }
      endOfLine();
    }
  }

  /** The table at {@code path} below {@code from}; the last element of an array of tables counts. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> table(Map<String, Object> from, List<String> path) {
    Map<String, Object> table = from;
    for (String key : path) {
      Object next = table.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
      if (next instanceof List<?> list && !list.isEmpty() && list.get(list.size() - 1) instanceof Map<?, ?>) {
        next = list.get(list.size() - 1);
      }
      if (!(next instanceof Map<?, ?>)) {
        throw error("\"" + key + "\" is not a table");
      }
      table = (Map<String, Object>) next;
    }
    return table;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> appendTable(Map<String, Object> root, List<String> path) {
    Map<String, Object> parent = table(root, path.subList(0, path.size() - 1));
    String key = path.get(path.size() - 1);
    Object existing = parent.computeIfAbsent(key, k -> new ArrayList<Map<String, Object>>());
    if (!(existing instanceof List<?>)) {
      throw error("\"" + key + "\" is not an array of tables");
    }
    Map<String, Object> table = new LinkedHashMap<>();
    ((List<Object>) existing).add(table);
    return table;
  }

  private List<String> dottedKey() {
    List<String> parts = new ArrayList<>();
    while (true) {
      skipSpaces();
      parts.add(peek() == '"' || peek() == '\'' ? string() : bareKey());
      skipSpaces();
      if (peek() != '.') {
        return parts;
      }
      pos++;
    }
  }

  private String bareKey() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
        break;
      }
      pos++;
    }
    if (start == pos) {
      throw error("expected a key");
    }
    return text.substring(start, pos);
  }

  private Object value() {
    char c = peek();
    if (c == '"' || c == '\'') {
      return string();
    }
    if (c == '[') {
      return array();
    }
    if (text.startsWith("true", pos)) {
      pos += 4;
      return Boolean.TRUE;
    }
    if (text.startsWith("false", pos)) {
      pos += 5;
      return Boolean.FALSE;
    }
    int start = pos;
    while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || "+-_".indexOf(text.charAt(pos)) >= 0)) {
      pos++;
    }
    if (start == pos) {
      throw error("unsupported value (this reader knows strings, booleans, integers and arrays)");
    }
    try {
      return Long.parseLong(text.substring(start, pos).replace("_", ""));
    } catch (NumberFormatException e) {
      throw error("invalid integer \"" + text.substring(start, pos) + "\"");
    }
  }

  private List<Object> array() {
    pos++; // [
    List<Object> items = new ArrayList<>();
    while (true) {
      skipBlankAndComments();
      if (peek() == ']') {
        pos++;
        return items;
      }
      items.add(value());
      skipBlankAndComments();
      if (peek() == ',') {
        pos++;
      } else if (peek() != ']') {
        throw error("expected , or ] in an array");
      }
    }
  }

  private String string() {
    char quote = text.charAt(pos);
    if (text.startsWith(String.valueOf(quote).repeat(3), pos)) {
      throw error("multi-line strings are not supported here");
    }
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length() || text.charAt(pos) == '\n') {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        return out.toString();
      }
      if (c == '\\' && quote == '"') {
        char escaped = pos < text.length() ? text.charAt(pos++) : ' ';
        switch (escaped) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case '"' -> out.append('"');
          case '\\' -> out.append('\\');
          case 'u' -> {
            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> throw error("unsupported escape \\" + escaped);
        }
      } else {
        out.append(c);
      }
    }
  }

  private void endOfLine() {
    skipSpaces();
    if (pos < text.length() && peek() == '#') {
      skipComment();
    }
    if (pos < text.length() && peek() == '\r') {
      pos++;
    }
    if (pos < text.length() && peek() != '\n') {
      throw error("unexpected \"" + peek() + "\"");
    }
  }

  private void skipBlankAndComments() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '#') {
        skipComment();
      } else if (c == '\n') {
        line++;
        pos++;
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else {
        return;
      }
    }
  }

  private void skipComment() {
    while (pos < text.length() && text.charAt(pos) != '\n') {
      pos++;
    }
  }

  private void skipSpaces() {
    while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
      pos++;
    }
  }

  private void expect(String token) {
    skipSpaces();
    if (!text.startsWith(token, pos)) {
      throw error("expected \"" + token + "\"");
    }
    pos += token.length();
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException(source + ", line " + line + ": " + problem);
  }
}
