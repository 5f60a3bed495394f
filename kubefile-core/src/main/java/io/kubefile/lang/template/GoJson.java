package io.kubefile.lang.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code encoding/json} for template values: Marshal (sorted map keys, {@code <>&} escaped
 * as {@code \u003c} unless disabled, Go's float format) and Unmarshal into {@code interface{}}
 * (every number a float64).
 */
final class GoJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GoJson() {}

  static String marshal(Object v, boolean escapeHtml, String indent) {
    StringBuilder sb = new StringBuilder();
    write(sb, GoValues.normalize(v), escapeHtml, indent, "");
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v, boolean html, String indent, String prefix) {
    if (v == null || v == GoValues.MISSING) {
      sb.append("null");
    } else if (v instanceof String s) {
      string(sb, s, html);
    } else if (v instanceof GoObject o) {
      write(sb, o.json(), html, indent, prefix);
    } else if (v instanceof Boolean || v instanceof Long) {
      sb.append(v);
    } else if (v instanceof Double d) {
      sb.append(formatFloat(d));
    } else if (v instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append('{');
      boolean first = true;
      String inner = prefix + indent;
      for (Map.Entry<String, Object> e : Executor.sorted(map).entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        if (!indent.isEmpty()) {
          sb.append('\n').append(inner);
        }
        string(sb, e.getKey(), html);
        sb.append(indent.isEmpty() ? ":" : ": ");
        write(sb, e.getValue(), html, indent, inner);
      }
      if (!indent.isEmpty()) {
        sb.append('\n').append(prefix);
      }
      sb.append('}');
    } else if (v instanceof List<?> list) {
      if (list.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      String inner = prefix + indent;
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        if (!indent.isEmpty()) {
          sb.append('\n').append(inner);
        }
        write(sb, GoValues.normalize(list.get(i)), html, indent, inner);
      }
      if (!indent.isEmpty()) {
        sb.append('\n').append(prefix);
      }
      sb.append(']');
    } else {
      string(sb, String.valueOf(v), html);
    }
  }

  static String formatFloat(double f) {
    if (Double.isNaN(f) || Double.isInfinite(f)) {
      throw new GoFunction.Failure("json: unsupported value: " + GoFormat.formatFloat(f, 'g', -1));
    }
    double abs = Math.abs(f);
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      String s = GoFormat.formatFloat(f, 'e', -1);
      // clean up e-09 to e-9
      int n = s.length();
      if (n >= 4 && s.charAt(n - 4) == 'e' && s.charAt(n - 3) == '-' && s.charAt(n - 2) == '0') {
        s = s.substring(0, n - 2) + s.substring(n - 1);
      }
      return s;
    }
    return GoFormat.formatFloat(f, 'f', -1);
  }

  private static void string(StringBuilder sb, String s, boolean html) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || html && (c == '<' || c == '>' || c == '&')) {
            sb.append(String.format("\\u%04x", (int) c));
          } else if (io.kubefile.lang.go.GoText.isEscapedByte(c)) {
            sb.append("\\ufffd");
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  /** json.Unmarshal into interface{}; throws with a message on malformed input. */
  static Object unmarshal(String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      String msg = e.getMessage();
      int cut = msg.indexOf('\n');
      throw new GoFunction.Failure(cut > 0 ? msg.substring(0, cut) : msg);
    }
    if (node == null || node.isMissingNode()) {
      throw new GoFunction.Failure("unexpected end of JSON input");
    }
    return fromJson(node);
  }

  /** JSON re-read as go-yaml reads it (sigs.k8s.io/yaml's JSONToYAML): integers stay integers. */
  static Object unmarshalKeepingInts(String json) {
    try {
      return GoValues.fromJson(MAPPER.readTree(json));
    } catch (java.io.IOException e) {
      throw new GoFunction.Failure(e.getMessage());
    }
  }

  private static Object fromJson(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), fromJson(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(e -> list.add(fromJson(e)));
      return list;
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isNull()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asText();
  }
}
