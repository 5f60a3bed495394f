package io.kubefile.lang.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How Java objects stand for Go values in a template. Go's reflection knows static types; Java
 * objects do not, so the mapping is fixed here once:
 * <ul>
 *   <li>{@link #MISSING}: Go's invalid {@code reflect.Value} (a missing map key under
 *       {@code missingkey=default}); prints as {@code <no value>}.
 *   <li>{@code null}: a nil {@code interface{}} (JSON null, {@code nil}); prints {@code <nil>}
 *       inside containers.
 *   <li>{@link String}, {@link Boolean}; {@link Long} for Go's integer types (other integral
 *       {@link Number}s are widened); {@link Double} for float64.
 *   <li>{@link List}: {@code []interface {}}; {@link StringMap}: {@code map[string]string} (the
 *       env map sealos renders {@code .tmpl} files with); any other {@link Map}:
 *       {@code map[string]interface {}}. The difference shows in {@code index} of a missing key
 *       ({@code ""} vs {@code <no value>}) and in functions that take a {@code
 *       map[string]interface {}}.
 * </ul>
 */
final class GoValues {
  /** Go's invalid reflect.Value. */
  static final Object MISSING = new Object() {
    @Override
    public String toString() {
      return "<no value>";
    }
  };

  /** A Go map[string]string. */
  static final class StringMap extends TreeMap<String, String> {
    StringMap(Map<String, String> values) {
      super(values);
    }
  }

  enum Kind { INVALID, BOOL, INT, FLOAT, STRING, OTHER }

  private GoValues() {}

  /** A caller's value as one of the representations above (JSON trees and boxed types converted). */
  static Object normalize(Object v) {
    if (v == null || v == MISSING || v instanceof String || v instanceof Long || v instanceof Double
        || v instanceof Boolean || v instanceof List || v instanceof Map) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float) {
      return ((Float) v).doubleValue();
    }
    if (v instanceof BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : b.doubleValue();
    }
    if (v instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (v instanceof Character c) {
      return (long) c;
    }
    if (v instanceof JsonNode node) {
      return fromJson(node);
    }
    if (v instanceof Collection<?> c) {
      return new ArrayList<>(c);
    }
    if (v instanceof Object[] a) {
      return Arrays.asList(a);
    }
    if (v instanceof CharSequence s) {
      return s.toString();
    }
    return v;
  }

  static Object fromJson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        map.put(e.getKey(), fromJson(e.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(e -> list.add(fromJson(e)));
      return list;
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asText();
  }

  static Kind kind(Object v) {
    if (v == null || v == MISSING) {
      return Kind.INVALID;
    }
    if (v instanceof Boolean) {
      return Kind.BOOL;
    }
    if (v instanceof Long) {
      return Kind.INT;
    }
    if (v instanceof Double) {
      return Kind.FLOAT;
    }
    if (v instanceof String) {
      return Kind.STRING;
    }
    return Kind.OTHER;
  }

  /** Go's reflect type name, as errors show it. */
  static String typeName(Object v) {
    if (v == null || v == MISSING) {
      return "<nil>";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof Double) {
      return "float64";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof StringMap) {
      return "map[string]string";
    }
    if (v instanceof Map) {
      return "map[string]interface {}";
    }
    if (v instanceof List) {
      return "[]interface {}";
    }
    if (v instanceof GoFunction) {
      return "func";
    }
    if (v instanceof GoObject o) {
      return o.goType();
    }
    return v.getClass().getSimpleName();
  }

  /** Go's isTrue: null result means "not a truth value" (if/with then fail). */
  static Boolean isTrue(Object v) {
    if (v == null || v == MISSING) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof Long l) {
      return l != 0;
    }
    if (v instanceof Double d) {
      return d != 0;
    }
    if (v instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  static boolean truth(Object v) {
    return isTrue(v);
  }

  /** Go's len() of strings counts UTF-8 bytes. */
  static int byteLength(String s) {
    return io.kubefile.lang.go.GoText.encode(s).length;
  }
}
