package io.kubefile.lang.template;

import static io.kubefile.lang.template.GoFunction.Type.ANY;
import static io.kubefile.lang.template.GoFunction.Type.STRING;
import static io.kubefile.lang.template.GoFunction.Type.VALUE;

import io.kubefile.lang.go.GoText;
import io.kubefile.lang.template.GoFunction.Failure;
import io.kubefile.lang.template.GoFunction.Type;
import io.kubefile.lang.template.GoValues.Kind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Go's predefined template functions ({@code text/template/funcs.go}), with Go's error texts. */
final class Builtins {
  private Builtins() {}

  static void register(Map<String, GoFunction> into) {
    add(into, "and", true, l -> null, VALUE, VALUE);
    add(into, "or", true, l -> null, VALUE, VALUE);
    add(into, "not", false, l -> !GoValues.truth(l.get(0)), VALUE);
    add(into, "call", true, Builtins::call, VALUE, VALUE);
    add(into, "html", true, l -> htmlEscape(evalArgs(l)), ANY);
    add(into, "js", true, l -> jsEscape(evalArgs(l)), ANY);
    add(into, "urlquery", true, l -> URLEncoder.encode(evalArgs(l), StandardCharsets.UTF_8), ANY);
    add(into, "index", true, Builtins::index, VALUE, VALUE);
    add(into, "slice", true, Builtins::slice, VALUE, VALUE);
    add(into, "len", false, l -> length(l.get(0)), VALUE);
    add(into, "print", true, GoFormat::sprint, ANY);
    add(into, "printf", true, l -> GoFormat.sprintf((String) l.get(0), l.subList(1, l.size())), STRING, ANY);
    add(into, "println", true, GoFormat::sprintln, ANY);
    add(into, "eq", true, Builtins::eq, VALUE, VALUE);
    add(into, "ne", false, l -> !eq(l), VALUE, VALUE);
    add(into, "lt", false, l -> lt(l.get(0), l.get(1)), VALUE, VALUE);
    add(into, "le", false, l -> lt(l.get(0), l.get(1)) || eq(l), VALUE, VALUE);
    add(into, "gt", false, l -> !(lt(l.get(0), l.get(1)) || eq(l)), VALUE, VALUE);
    add(into, "ge", false, l -> !lt(l.get(0), l.get(1)), VALUE, VALUE);
  }

  private static void add(Map<String, GoFunction> into, String name, boolean variadic, GoFunction.Impl impl,
      Type... params) {
    into.put(name, new GoFunction(name, Arrays.asList(params), variadic, true, impl));
  }

  /** Go's evalArgs: one string as is, otherwise fmt.Sprint of the printable values. */
  static String evalArgs(List<Object> args) {
    if (args.size() == 1 && args.get(0) instanceof String s) {
      return s;
    }
    List<Object> printable = new ArrayList<>();
    for (Object a : args) {
      printable.add(a == null || a == GoValues.MISSING ? "<no value>" : a);
    }
    return GoFormat.sprint(printable);
  }

  private static Object call(List<Object> l) {
    Object fn = l.get(0);
    if (fn == GoValues.MISSING || fn == null) {
      throw new Failure("call of nil");
    }
    throw new Failure("non-function " + GoFormat.printable(fn) + " of type " + GoValues.typeName(fn));
  }

  private static Object index(List<Object> l) {
    Object item = l.get(0);
    if (item == GoValues.MISSING || item == null) {
      throw new Failure("index of untyped nil");
    }
    for (Object index : l.subList(1, l.size())) {
      if (item instanceof List<?> list) {
        int x = indexArg(index, list.size());
        if (x == list.size()) {
          throw new Failure("reflect: slice index out of range");
        }
        item = GoValues.normalize(list.get(x));
      } else if (item instanceof String s) {
        byte[] bytes = GoText.encode(s);
        int x = indexArg(index, bytes.length);
        if (x == bytes.length) {
          throw new Failure("reflect: string index out of range");
        }
        item = (long) (bytes[x] & 0xFF);
      } else if (item instanceof Map<?, ?> map) {
        if (index == GoValues.MISSING || index == null) {
          throw new Failure("value is nil; should be of type string");
        }
        if (!(index instanceof String key)) {
          throw new Failure("value has type " + GoValues.typeName(index) + "; should be string");
        }
        if (map.containsKey(key)) {
          item = GoValues.normalize(map.get(key));
        } else {
          item = map instanceof GoValues.StringMap ? "" : null;
        }
      } else if (item == null) {
        throw new Failure("index of nil pointer");
      } else {
        throw new Failure("can't index item of type " + GoValues.typeName(item));
      }
    }
    return item;
  }

  private static int indexArg(Object index, int cap) {
    if (!(index instanceof Long x)) {
      if (index == GoValues.MISSING || index == null) {
        throw new Failure("cannot index slice/array with nil");
      }
      throw new Failure("cannot index slice/array with type " + GoValues.typeName(index));
    }
    if (x < 0 || x > cap) {
      throw new Failure("index out of range: " + x);
    }
    return (int) (long) x;
  }

  private static Object slice(List<Object> l) {
    Object item = l.get(0);
    List<Object> indexes = l.subList(1, l.size());
    if (item == GoValues.MISSING || item == null) {
      throw new Failure("slice of untyped nil");
    }
    if (indexes.size() > 3) {
      throw new Failure("too many slice indexes: " + indexes.size());
    }
    int len;
    byte[] bytes = null;
    if (item instanceof String s) {
      if (indexes.size() == 3) {
        throw new Failure("cannot 3-index slice a string");
      }
      bytes = GoText.encode(s);
      len = bytes.length;
    } else if (item instanceof List<?> list) {
      len = list.size();
    } else {
      throw new Failure("can't slice item of type " + GoValues.typeName(item));
    }
    int[] idx = {0, len, len};
    for (int i = 0; i < indexes.size(); i++) {
      idx[i] = indexArg(indexes.get(i), len);
    }
    if (idx[0] > idx[1]) {
      throw new Failure("invalid slice index: " + idx[0] + " > " + idx[1]);
    }
    if (indexes.size() == 3 && idx[1] > idx[2]) {
      throw new Failure("invalid slice index: " + idx[1] + " > " + idx[2]);
    }
    if (bytes != null) {
      return GoText.decode(bytes, idx[0], idx[1]);
    }
    return new ArrayList<>(((List<?>) item).subList(idx[0], idx[1]));
  }

  private static Object length(Object item) {
    if (item == null) {
      throw new Failure("len of nil pointer");
    }
    if (item == GoValues.MISSING) {
      throw new Failure("reflect: call of reflect.Value.Type on zero Value");
    }
    if (item instanceof String s) {
      return (long) GoValues.byteLength(s);
    }
    if (item instanceof List<?> list) {
      return (long) list.size();
    }
    if (item instanceof Map<?, ?> map) {
      return (long) map.size();
    }
    throw new Failure("len of type " + GoValues.typeName(item));
  }

  static boolean eq(List<Object> l) {
    Object a1 = l.get(0);
    if (l.size() < 2) {
      throw new Failure("missing argument for comparison");
    }
    Kind k1 = GoValues.kind(a1);
    for (Object a : l.subList(1, l.size())) {
      Kind k2 = GoValues.kind(a);
      boolean truth;
      if (k1 != k2) {
        if (k1 != Kind.INVALID && k2 != Kind.INVALID) {
          throw incompatible(a1, a);
        }
        truth = false;
      } else if (k1 == Kind.OTHER) {
        if (a1 instanceof List || a1 instanceof Map) {
          throw new Failure("non-comparable type " + GoFormat.printable(a1) + ": " + GoValues.typeName(a1));
        }
        truth = a1.equals(a);
      } else if (k1 == Kind.INVALID) {
        truth = true;
      } else {
        truth = a1.equals(a);
      }
      if (truth) {
        return true;
      }
    }
    return false;
  }

  static boolean lt(Object a1, Object a2) {
    Kind k1 = GoValues.kind(a1);
    Kind k2 = GoValues.kind(a2);
    if (k1 == Kind.INVALID || k1 == Kind.OTHER || k2 == Kind.INVALID || k2 == Kind.OTHER) {
      throw new Failure("invalid type for comparison");
    }
    if (k1 != k2) {
      throw incompatible(a1, a2);
    }
    switch (k1) {
      case BOOL:
        throw new Failure("invalid type for comparison");
      case FLOAT:
        return (Double) a1 < (Double) a2;
      case INT:
        return (Long) a1 < (Long) a2;
      default:
        return compareGoStrings((String) a1, (String) a2) < 0;
    }
  }

  private static Failure incompatible(Object a1, Object a2) {
    return new Failure("incompatible types for comparison: " + GoValues.typeName(a1) + " and " + GoValues.typeName(a2));
  }

  /** Go compares strings bytewise (UTF-8), which differs from Java's UTF-16 order above U+FFFF. */
  static int compareGoStrings(String a, String b) {
    return Arrays.compareUnsigned(GoText.encode(a), GoText.encode(b));
  }

  static String htmlEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("&#34;"); break;
        case '\'': sb.append("&#39;"); break;
        case '&': sb.append("&amp;"); break;
        case '<': sb.append("&lt;"); break;
        case '>': sb.append("&gt;"); break;
        case 0: sb.append("\uFFFD"); break;
        default: sb.append(c);
      }
    }
    return sb.toString();
  }

  static String jsEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '\\': sb.append("\\\\"); break;
        case '\'': sb.append("\\'"); break;
        case '"': sb.append("\\\""); break;
        case '<': sb.append("\\u003C"); break;
        case '>': sb.append("\\u003E"); break;
        case '&': sb.append("\\u0026"); break;
        case '=': sb.append("\\u003D"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          if (c < ' ') {
            sb.append(String.format("\\u%04X", c));
          } else if (c < 0x80 || GoText.isPrint(c)) {
            sb.appendCodePoint(c);
          } else {
            sb.append(String.format("\\u%04X", c));
          }
      }
    }
    return sb.toString();
  }
}
