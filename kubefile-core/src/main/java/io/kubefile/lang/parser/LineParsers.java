package io.kubefile.lang.parser;

import io.kubefile.lang.go.GoText;
import java.util.List;
import java.util.Locale;

/**
 * buildkit's dispatch table ({@code line_parsers.go}): how each instruction turns its argument
 * text into a chain of argument nodes.
 */
final class LineParsers {
  private LineParsers() {}

  /** The first argument node (or null) and whether the arguments were a JSON array. */
  record Parsed(Node first, boolean json) {
    static final Parsed NONE = new Parsed(null, false);
  }

  /** buildkit's {@code newNodeFromLine}. */
  static Node nodeFromLine(String line, char escapeToken) throws SyntaxError {
    CommandLineSplitter.Split split = CommandLineSplitter.split(line);
    Parsed parsed = dispatch(GoText.toLower(split.keyword()), split.args(), escapeToken);
    return new Node(split.keyword(), line, split.flags(), parsed.first(), parsed.json());
  }

  private static Parsed dispatch(String keyword, String rest, char escapeToken) throws SyntaxError {
    switch (keyword) {
      case "add", "copy", "volume":
        return maybeJsonToList(rest);
      case "cmd", "entrypoint", "run", "shell":
        return maybeJson(rest);
      case "from", "expose":
        return stringsWhitespaceDelimited(rest);
      case "maintainer", "stopsignal", "user", "workdir":
        return rest.isEmpty() ? Parsed.NONE : new Parsed(Node.of(rest), false);
      case "env", "label":
        return nameValue(rest, keyword.toUpperCase(Locale.ROOT), escapeToken);
      case "arg":
        return chain(Words.parseWords(rest, escapeToken));
      case "healthcheck":
        return healthConfig(rest);
      case "onbuild":
        return subCommand(rest, escapeToken);
      default:
        // buildkit's parser keeps unknown instructions; the instruction model rejects them.
        return new Parsed(Node.of(""), false);
    }
  }

  private static Parsed chain(List<String> values) {
    Node first = null;
    Node prev = null;
    for (String v : values) {
      Node n = Node.of(v);
      if (prev == null) {
        first = n;
      } else {
        prev.next = n;
      }
      prev = n;
    }
    return new Parsed(first, false);
  }

  private static Parsed stringsWhitespaceDelimited(String rest) {
    if (rest.isEmpty()) {
      return Parsed.NONE;
    }
    return chain(BlankSplitter.splitOnBlanks(rest, -1));
  }

  private static Parsed json(JsonStringArray.Strings strings) {
    return new Parsed(chain(strings.values()).first(), true);
  }

  private static Parsed maybeJson(String rest) throws SyntaxError {
    if (rest.isEmpty()) {
      return Parsed.NONE;
    }
    JsonStringArray.Outcome outcome = JsonStringArray.parse(rest);
    if (outcome instanceof JsonStringArray.Strings strings) {
      return json(strings);
    }
    if (outcome instanceof JsonStringArray.NonStringElement) {
      throw new SyntaxError(JsonStringArray.NOT_STRINGS);
    }
    return new Parsed(Node.of(rest), false);
  }

  private static Parsed maybeJsonToList(String rest) throws SyntaxError {
    JsonStringArray.Outcome outcome = JsonStringArray.parse(rest);
    if (outcome instanceof JsonStringArray.Strings strings) {
      return json(strings);
    }
    if (outcome instanceof JsonStringArray.NonStringElement) {
      throw new SyntaxError(JsonStringArray.NOT_STRINGS);
    }
    return stringsWhitespaceDelimited(rest);
  }

  /** ENV and LABEL: {@code key value sep} triples, or the legacy {@code KEY name value}. */
  private static Parsed nameValue(String rest, String instruction, char escapeToken) throws SyntaxError {
    List<String> words = Words.parseWords(rest, escapeToken);
    if (words.isEmpty()) {
      return Parsed.NONE;
    }
    if (!words.get(0).contains("=")) {
      List<String> parts = BlankSplitter.splitOnBlanks(rest, 2);
      if (parts.size() < 2) {
        throw new SyntaxError(instruction + " must have two arguments");
      }
      return chain(List.of(parts.get(0), parts.get(1), ""));
    }
    java.util.ArrayList<String> triples = new java.util.ArrayList<>();
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq < 0) {
        throw new SyntaxError(
            "Syntax error - can't find = in " + GoText.quote(word) + ". Must be of the form: name=value");
      }
      triples.add(word.substring(0, eq));
      triples.add(word.substring(eq + 1));
      triples.add("=");
    }
    return chain(triples);
  }

  /** HEALTHCHECK: the type word (split byte-wise, as Go does), then the command. */
  private static Parsed healthConfig(String rest) throws SyntaxError {
    byte[] bytes = GoText.encode(rest);
    int sep = 0;
    while (sep < bytes.length && !GoText.isSpace(bytes[sep] & 0xFF)) {
      sep++;
    }
    int next = sep;
    while (next < bytes.length && GoText.isSpace(bytes[next] & 0xFF)) {
      next++;
    }
    if (sep == 0) {
      return Parsed.NONE;
    }
    Parsed command = maybeJson(GoText.decode(bytes, next, bytes.length));
    Node type = Node.of(GoText.decode(bytes, 0, sep));
    type.next = command.first();
    return new Parsed(type, command.json());
  }

  private static Parsed subCommand(String rest, char escapeToken) throws SyntaxError {
    if (rest.isEmpty()) {
      return Parsed.NONE;
    }
    Node child = nodeFromLine(rest, escapeToken);
    Node holder = Node.of("");
    holder.children.add(child);
    return new Parsed(holder, false);
  }
}
