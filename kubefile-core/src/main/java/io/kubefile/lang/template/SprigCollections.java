package io.kubefile.lang.template;

import static io.kubefile.lang.template.Functions.fn;
import static io.kubefile.lang.template.Functions.integer;
import static io.kubefile.lang.template.Functions.str;
import static io.kubefile.lang.template.Functions.strval;
import static io.kubefile.lang.template.Functions.variadic;
import static io.kubefile.lang.template.GoFunction.Type.ANY;
import static io.kubefile.lang.template.GoFunction.Type.INT;
import static io.kubefile.lang.template.GoFunction.Type.MAP;
import static io.kubefile.lang.template.GoFunction.Type.STRING;

import io.kubefile.lang.template.GoFunction.Failure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** sprig v3 list and dict functions ({@code list.go}, {@code dict.go}). */
final class SprigCollections {
  private SprigCollections() {}

  static void register(Map<String, GoFunction> m) {
    variadic(m, "list", l -> new ArrayList<>(l), ANY);
    variadic(m, "tuple", l -> new ArrayList<>(l), ANY);
    for (boolean must : new boolean[] {false, true}) {
      String p = must ? "must" : "";
      fn(m, must ? "mustPush" : "push", l -> append(list(l.get(0), "push"), l.get(1)), ANY, ANY);
      fn(m, must ? "mustAppend" : "append", l -> append(list(l.get(0), "push"), l.get(1)), ANY, ANY);
      fn(m, must ? "mustPrepend" : "prepend", l -> {
        List<Object> out = new ArrayList<>();
        out.add(l.get(1));
        out.addAll(list(l.get(0), "prepend"));
        return out;
      }, ANY, ANY);
      fn(m, p + (must ? "First" : "first"), l -> {
        List<Object> list = list(l.get(0), "find first");
        return list.isEmpty() ? null : list.get(0);
      }, ANY);
      fn(m, p + (must ? "Last" : "last"), l -> {
        List<Object> list = list(l.get(0), "find last");
        return list.isEmpty() ? null : list.get(list.size() - 1);
      }, ANY);
      fn(m, p + (must ? "Rest" : "rest"), l -> {
        List<Object> list = list(l.get(0), "find rest");
        return list.isEmpty() ? null : new ArrayList<>(list.subList(1, list.size()));
      }, ANY);
      fn(m, p + (must ? "Initial" : "initial"), l -> {
        List<Object> list = list(l.get(0), "find initial");
        return list.isEmpty() ? null : new ArrayList<>(list.subList(0, list.size() - 1));
      }, ANY);
      fn(m, p + (must ? "Reverse" : "reverse"), l -> {
        List<Object> list = new ArrayList<>(list(l.get(0), "find reverse"));
        Collections.reverse(list);
        return list;
      }, ANY);
      fn(m, p + (must ? "Uniq" : "uniq"), l -> {
        List<Object> out = new ArrayList<>();
        for (Object e : list(l.get(0), "find uniq")) {
          if (!contains(out, e)) {
            out.add(e);
          }
        }
        return out;
      }, ANY);
      variadic(m, p + (must ? "Without" : "without"), l -> {
        List<Object> omit = l.subList(1, l.size());
        List<Object> out = new ArrayList<>();
        for (Object e : list(l.get(0), "find without")) {
          if (!contains(omit, e)) {
            out.add(e);
          }
        }
        return out;
      }, ANY, ANY);
      fn(m, p + (must ? "Has" : "has"), l -> {
        if (l.get(1) == null) {
          return false;
        }
        return contains(list(l.get(1), "find has"), l.get(0));
      }, ANY, ANY);
      variadic(m, p + (must ? "Slice" : "slice"), l -> {
        List<Object> list = list(l.get(0), "slice");
        int start = l.size() > 1 ? (int) SprigNumbers.toInt64(l.get(1)) : 0;
        int end = l.size() > 2 ? (int) SprigNumbers.toInt64(l.get(2)) : list.size();
        if (start < 0 || end > list.size() || start > end) {
          throw new Failure("reflect.Value.Slice: slice index out of bounds");
        }
        return new ArrayList<>(list.subList(start, end));
      }, ANY, ANY);
      fn(m, p + (must ? "Chunk" : "chunk"), l -> {
        long size = integer(l, 0);
        List<Object> list = list(l.get(1), "chunk");
        List<Object> out = new ArrayList<>();
        if (size <= 0) {
          throw new Failure("runtime error: integer divide by zero");
        }
        for (int i = 0; i < list.size(); i += size) {
          out.add(new ArrayList<>(list.subList(i, (int) Math.min(list.size(), i + size))));
        }
        return out;
      }, INT, ANY);
      fn(m, p + (must ? "Compact" : "compact"), l -> {
        List<Object> out = new ArrayList<>();
        for (Object e : list(l.get(0), "compact")) {
          if (!SprigMisc.empty(e)) {
            out.add(e);
          }
        }
        return out;
      }, ANY);
    }
    variadic(m, "concat", l -> {
      List<Object> out = new ArrayList<>();
      for (Object e : l) {
        if (!(e instanceof List<?> list)) {
          throw new Failure("Cannot concat type " + SprigMisc.kindOf(e) + " as list");
        }
        out.addAll(list);
      }
      return out;
    }, ANY);

    variadic(m, "dict", SprigCollections::dict, ANY);
    fn(m, "get", l -> {
      Map<String, Object> d = dict(l.get(0));
      return d.containsKey(str(l, 1)) ? d.get(str(l, 1)) : "";
    }, MAP, STRING);
    fn(m, "set", l -> {
      Map<String, Object> d = dict(l.get(0));
      d.put(str(l, 1), l.get(2));
      return d;
    }, MAP, STRING, ANY);
    fn(m, "unset", l -> {
      Map<String, Object> d = dict(l.get(0));
      d.remove(str(l, 1));
      return d;
    }, MAP, STRING);
    fn(m, "hasKey", l -> dict(l.get(0)).containsKey(str(l, 1)), MAP, STRING);
    variadic(m, "pluck", l -> {
      List<Object> out = new ArrayList<>();
      for (Object d : l.subList(1, l.size())) {
        Map<String, Object> map = dict(d);
        if (map.containsKey(str(l, 0))) {
          out.add(map.get(str(l, 0)));
        }
      }
      return out;
    }, STRING, MAP);
    variadic(m, "keys", l -> {
      List<Object> out = new ArrayList<>();
      for (Object d : l) {
        out.addAll(Executor.sorted(dict(d)).keySet());
      }
      return out;
    }, MAP);
    variadic(m, "pick", l -> {
      Map<String, Object> d = dict(l.get(0));
      Map<String, Object> out = new LinkedHashMap<>();
      for (Object k : l.subList(1, l.size())) {
        if (d.containsKey((String) k)) {
          out.put((String) k, d.get(k));
        }
      }
      return out;
    }, MAP, STRING);
    variadic(m, "omit", l -> {
      Map<String, Object> out = new LinkedHashMap<>(dict(l.get(0)));
      for (Object k : l.subList(1, l.size())) {
        out.remove(k);
      }
      return out;
    }, MAP, STRING);
    fn(m, "values", l -> new ArrayList<>(Executor.sorted(dict(l.get(0))).values()), MAP);
    for (String name : new String[] {"merge", "mustMerge", "mergeOverwrite", "mustMergeOverwrite"}) {
      boolean overwrite = name.contains("Overwrite");
      variadic(m, name, l -> {
        Map<String, Object> dst = dict(l.get(0));
        for (Object src : l.subList(1, l.size())) {
          merge(dst, dict(src), overwrite);
        }
        return dst;
      }, MAP, MAP);
    }
    variadic(m, "dig", l -> {
      if (l.size() < 3) {
        throw new Failure("dig needs at least three arguments");
      }
      Object dict = l.get(l.size() - 1);
      if (!(dict instanceof Map)) {
        throw new Failure("last argument to dig must be a map[string]interface {}, got "
            + GoValues.typeName(dict));
      }
      Object def = l.get(l.size() - 2);
      Object cur = dict;
      for (Object key : l.subList(0, l.size() - 2)) {
        if (!(key instanceof String k)) {
          throw new Failure("dig key is not a string");
        }
        if (!(cur instanceof Map<?, ?> map) || !map.containsKey(k)) {
          return def;
        }
        cur = GoValues.normalize(map.get(k));
      }
      return cur;
    }, ANY);
    fn(m, "deepCopy", l -> deepCopy(l.get(0)), ANY);
    fn(m, "mustDeepCopy", l -> {
      if (l.get(0) == null) {
        throw new Failure("copy: Must not be nil");
      }
      return deepCopy(l.get(0));
    }, ANY);
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object v, String op) {
    if (v instanceof List<?> l) {
      return (List<Object>) l;
    }
    if (v == null) {
      throw new Failure("runtime error: invalid memory address or nil pointer dereference");
    }
    throw new Failure("Cannot " + op + " on type " + SprigMisc.kindOf(v));
  }

  private static List<Object> append(List<Object> list, Object v) {
    List<Object> out = new ArrayList<>(list);
    out.add(v);
    return out;
  }

  private static boolean contains(List<Object> list, Object needle) {
    for (Object e : list) {
      if (Objects.equals(GoValues.normalize(e), needle)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, Object> dict(List<Object> l) {
    Map<String, Object> d = new LinkedHashMap<>();
    for (int i = 0; i < l.size(); i += 2) {
      String key = strval(l.get(i));
      d.put(key, i + 1 < l.size() ? l.get(i + 1) : "");
    }
    return d;
  }

  /** A map[string]interface {} parameter: nil is an empty map (writes to it are lost, as in Go). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> dict(Object v) {
    return v == null ? new LinkedHashMap<>() : (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> dst, Map<String, Object> src, boolean overwrite) {
    for (Map.Entry<String, Object> e : src.entrySet()) {
      Object d = dst.get(e.getKey());
      Object s = e.getValue();
      if (d instanceof Map && s instanceof Map && !(d instanceof GoValues.StringMap)) {
        merge((Map<String, Object>) d, (Map<String, Object>) s, overwrite);
      } else if (!dst.containsKey(e.getKey()) || SprigMisc.empty(GoValues.normalize(d)) || overwrite) {
        if (overwrite && SprigMisc.empty(GoValues.normalize(s)) && dst.containsKey(e.getKey())
            && !(s instanceof Boolean)) {
          continue;
        }
        dst.put(e.getKey(), s);
      }
    }
  }

  static Object deepCopy(Object v) {
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, e) -> out.put(String.valueOf(k), deepCopy(e)));
      return map instanceof GoValues.StringMap ? v : out;
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(e -> out.add(deepCopy(e)));
      return out;
    }
    return v;
  }
}
