package io.kubefile.lang.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BurntSushi/toml's encoder for the values a template builds (sealos's {@code toToml}): simple keys
 * first, then sub-tables as {@code [a.b]}, strings in TOML basic quotes; the error text is the
 * result when a value cannot be encoded.
 */
final class GoToml {
  private GoToml() {}

  static String marshal(Object v) {
    if (!(v instanceof Map<?, ?> map)) {
      return "toml: top-level values must be Go maps or structs";
    }
    StringBuilder sb = new StringBuilder();
    table(sb, map, new ArrayList<>());
    return sb.toString();
  }

  private static void table(StringBuilder sb, Map<?, ?> map, List<String> path) {
    Map<String, Object> sorted = Executor.sorted(map);
    String indent = "  ".repeat(Math.max(0, path.size() - 1));
    for (Map.Entry<String, Object> e : sorted.entrySet()) {
      if (e.getValue() != null && !(e.getValue() instanceof Map)) {
        sb.append(indent).append(key(e.getKey())).append(" = ").append(value(e.getValue())).append('\n');
      }
    }
    for (Map.Entry<String, Object> e : sorted.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> sub) {
        List<String> p = new ArrayList<>(path);
        p.add(key(e.getKey()));
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append("  ".repeat(p.size() - 1)).append('[').append(String.join(".", p)).append("]\n");
        table(sb, sub, p);
      }
    }
  }

  private static String key(String k) {
    return k.matches("[A-Za-z0-9_-]+") ? k : quote(k);
  }

  private static String value(Object v) {
    v = GoValues.normalize(v);
    if (v instanceof String s) {
      return quote(s);
    }
    if (v instanceof Double d) {
      String f = GoFormat.formatFloat(d, 'f', -1);
      return f.contains(".") ? f : f + ".0";
    }
    if (v instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      list.forEach(e -> parts.add(value(e)));
      return "[" + String.join(", ", parts) + "]";
    }
    return String.valueOf(v);
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\t': sb.append("\\t"); break;
        case '\r': sb.append("\\r"); break;
        case '\b': sb.append("\\b"); break;
        case '\f': sb.append("\\f"); break;
        default:
          if (c < 0x20 || c == 0x7F) {
            sb.append(String.format("\\u%04X", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }
}
