package io.kubefile.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The part of Go's text/template that {@code inspect -f} users write: literal text,
 * {@code {{.Field.Path}}} (printed as Go's fmt does: {@code map[k:v]} with sorted keys, {@code [a b]})
 * and {@code {{json .Field.Path}}} (compact JSON). Anything else is refused rather than guessed.
 */
final class GoTemplateLite {
  private static final Pattern FIELD_PATH = Pattern.compile("\\.|(\\.[A-Za-z_][A-Za-z0-9_]*)+");

  private GoTemplateLite() {}

  static String render(String template, JsonNode data) {
    StringBuilder out = new StringBuilder();
    int pos = 0;
    while (pos < template.length()) {
      int open = template.indexOf("{{", pos);
      if (open < 0) {
        out.append(template, pos, template.length());
        break;
      }
      out.append(template, pos, open);
      int close = template.indexOf("}}", open);
      if (close < 0) {
        throw unsupported(template, "unclosed {{");
      }
      out.append(evaluate(template.substring(open + 2, close).trim(), data, template));
      pos = close + 2;
    }
    return out.toString();
  }

  private static String evaluate(String action, JsonNode data, String template) {
    boolean json = false;
    String path = action;
    if (action.startsWith("json ")) {
      json = true;
      path = action.substring(5).trim();
    }
    if (!FIELD_PATH.matcher(path).matches()) {
      throw unsupported(template, "{{" + action + "}}");
    }
    JsonNode value = lookup(data, path);
    if (json) {
      return value == null ? "null" : new String(Json.bytes(value), java.nio.charset.StandardCharsets.UTF_8);
    }
    return value == null ? "<no value>" : goFormat(value);
  }

  private static JsonNode lookup(JsonNode data, String path) {
    JsonNode node = data;
    if (path.equals(".")) {
      return node;
    }
    for (String field : path.substring(1).split("\\.")) {
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(field);
    }
    return node;
  }

  /** What Go's fmt.Print shows for a value decoded from JSON. */
  static String goFormat(JsonNode value) {
    if (value.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        sorted.put(e.getKey(), e.getValue());
      }
      List<String> parts = new ArrayList<>();
      sorted.forEach((k, v) -> parts.add(k + ":" + goFormat(v)));
      return "map[" + String.join(" ", parts) + "]";
    }
    if (value.isArray()) {
      List<String> parts = new ArrayList<>();
      value.forEach(v -> parts.add(goFormat(v)));
      return "[" + String.join(" ", parts) + "]";
    }
    if (value.isNull()) {
      return "<nil>";
    }
    return value.asText();
  }

  private static IllegalArgumentException unsupported(String template, String what) {
    return new IllegalArgumentException(
        "unsupported template " + what + " in \"" + template
            + "\": only {{.Field.Path}} and {{json .Field.Path}} are supported");
  }
}
