package io.kubefile.lang.template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * The YAML that go-yaml v2 writes for JSON-shaped values (what sigs.k8s.io/yaml, and so sealos's
 * {@code toYaml}, produces): keys sorted, two-space indentation, sequences inside mappings not
 * indented, strings plain where YAML 1.1 would read them back as the same string, double-quoted
 * where they would read as another type, single-quoted where plain is not allowed, and literal
 * blocks for multi-line strings.
 */
final class GoYaml {
  private static final Pattern YAML11_SPECIAL = Pattern.compile(
      "~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
          + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|<<");
  private static final Pattern NUMBER = Pattern.compile(
      "[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|[0-9][0-9_]*(:[0-5]?[0-9])+|[0-9][0-9_]*"
          + "|(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?)");

  private static final Pattern YAML11_BOOL = Pattern.compile(
      "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  private static final Pattern YAML11_TRUE = Pattern.compile("y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON");

  private GoYaml() {}

  /**
   * Reads YAML as go-yaml v2 does: YAML 1.1 scalars, so {@code y}, {@code yes}, {@code on} are
   * true and {@code n}, {@code no}, {@code off} false (snakeyaml-engine alone reads YAML 1.2).
   */
  static Object load(String text) {
    return new Load(LoadSettings.builder().setSchema(new Yaml11Schema()).build()).loadFromString(text);
  }

  private static final class Yaml11Schema implements Schema {
    private final CoreSchema core = new CoreSchema();

    @Override
    public ScalarResolver getScalarResolver() {
      ScalarResolver coreResolver = core.getScalarResolver();
      return (value, implicit) -> implicit != null && implicit && YAML11_BOOL.matcher(value).matches()
          ? Tag.BOOL : coreResolver.resolve(value, implicit);
    }

    @Override
    public Map<Tag, ConstructNode> getSchemaTagConstructors() {
      Map<Tag, ConstructNode> constructors = new HashMap<>(core.getSchemaTagConstructors());
      constructors.put(Tag.BOOL, node -> YAML11_TRUE.matcher(((ScalarNode) node).getValue()).matches());
      return constructors;
    }
  }

  static String marshal(Object v) {
    StringBuilder sb = new StringBuilder();
    if (v instanceof Map<?, ?> map && !map.isEmpty()) {
      mapping(sb, map, "");
    } else if (v instanceof List<?> list && !list.isEmpty()) {
      sequence(sb, list, "");
    } else {
      sb.append(scalar(v, "")).append('\n');
    }
    return sb.toString();
  }

  private static void mapping(StringBuilder sb, Map<?, ?> map, String indent) {
    boolean first = true;
    for (Map.Entry<String, Object> e : Executor.sorted(map).entrySet()) {
      if (!first) {
        sb.append(indent);
      }
      first = false;
      sb.append(key(e.getKey())).append(':');
      value(sb, e.getValue(), indent, false);
    }
  }

  private static void sequence(StringBuilder sb, List<?> list, String indent) {
    boolean first = true;
    for (Object e : list) {
      if (!first) {
        sb.append(indent);
      }
      first = false;
      sb.append('-');
      Object v = GoValues.normalize(e);
      if (v instanceof Map<?, ?> map && !map.isEmpty()) {
        sb.append(' ');
        mapping(sb, map, indent + "  ");
      } else if (v instanceof List<?> l && !l.isEmpty()) {
        sb.append(' ');
        sequence(sb, l, indent + "  ");
      } else {
        sb.append(' ').append(scalar(v, indent + "  ")).append('\n');
      }
    }
  }

  private static void value(StringBuilder sb, Object v, String indent, boolean inSequence) {
    if (v instanceof Map<?, ?> map && !map.isEmpty()) {
      sb.append('\n').append(indent).append("  ");
      mapping(sb, map, indent + "  ");
    } else if (v instanceof List<?> list && !list.isEmpty()) {
      sb.append('\n').append(indent);
      sequence(sb, list, indent);
    } else {
      sb.append(' ').append(scalar(v, indent + "  ")).append('\n');
    }
  }

  private static String key(String k) {
    return scalar(k, "");
  }

  private static String scalar(Object v, String indent) {
    if (v == null || v == GoValues.MISSING) {
      return "null";
    }
    if (v instanceof Map) {
      return "{}";
    }
    if (v instanceof List) {
      return "[]";
    }
    if (v instanceof Double d) {
      if (d.isNaN()) {
        return ".nan";
      }
      if (d.isInfinite()) {
        return d > 0 ? ".inf" : "-.inf";
      }
      return GoFormat.formatFloat(d, 'g', -1);
    }
    if (!(v instanceof String s)) {
      return String.valueOf(v);
    }
    if (s.isEmpty()) {
      return "\"\"";
    }
    if (YAML11_SPECIAL.matcher(s).matches() || NUMBER.matcher(s).matches()) {
      return "\"" + s + "\"";
    }
    if (s.contains("\n")) {
      return literal(s, indent);
    }
    if (plainAllowed(s)) {
      return s;
    }
    if (s.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7F)) {
      return GoFormat.quote(s);
    }
    return "'" + s.replace("'", "''") + "'";
  }

  private static String literal(String s, String indent) {
    StringBuilder sb = new StringBuilder(s.endsWith("\n") ? "|" : "|-");
    if (s.startsWith(" ") || s.startsWith("\n")) {
      sb.append('2');
    }
    String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    for (String line : body.split("\n", -1)) {
      sb.append('\n');
      if (!line.isEmpty()) {
        sb.append(indent).append(line);
      }
    }
    return sb.toString();
  }

  private static boolean plainAllowed(String s) {
    char first = s.charAt(0);
    if ("-?:,[]{}#&*!|>'\"%@`".indexOf(first) >= 0) {
      if (!((first == '-' || first == '?' || first == ':') && s.length() > 1 && s.charAt(1) != ' ')) {
        return false;
      }
    }
    if (s.startsWith(" ") || s.endsWith(" ") || s.startsWith("\t") || s.endsWith("\t")) {
      return false;
    }
    if (s.contains(": ") || s.contains(" #") || s.endsWith(":")) {
      return false;
    }
    return s.chars().noneMatch(c -> c < 0x20 || c == 0x7F || c == 0xFEFF);
  }
}
