package io.kubefile.lang.template;

import static io.kubefile.lang.template.Functions.fn;
import static io.kubefile.lang.template.Functions.str;
import static io.kubefile.lang.template.GoFunction.Type.ANY;
import static io.kubefile.lang.template.GoFunction.Type.STRING;
import static io.kubefile.lang.template.GoFunction.Type.UINT32;

import io.kubefile.lang.template.GoFunction.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions sealos adds on top of sprig ({@code lifecycle/pkg/template/funcmap.go}), with its
 * error handling: the YAML/JSON readers put the error text into the result ({@code Error} key or
 * single element) instead of failing, the writers return "" on error, the CIDR helpers return an
 * explanatory string.
 */
final class SealosFunctions {
  private SealosFunctions() {}

  static void register(Map<String, GoFunction> m) {
    fn(m, "toYaml", l -> {
      try {
        String y = GoYaml.marshal(GoJson.unmarshalKeepingInts(GoJson.marshal(l.get(0), false, "")));
        return y.endsWith("\n") ? y.substring(0, y.length() - 1) : y;
      } catch (RuntimeException e) {
        return "";
      }
    }, ANY);
    fn(m, "fromYaml", l -> {
      Map<String, Object> out = new LinkedHashMap<>();
      try {
        Object v = loadYaml(str(l, 0));
        if (v instanceof Map<?, ?> map) {
          map.forEach((k, e) -> out.put(String.valueOf(k), e));
        } else if (v != null) {
          out.put("Error", "error unmarshaling JSON: json: cannot unmarshal " + jsonKind(v)
              + " into Go value of type map[string]interface {}");
        }
      } catch (RuntimeException e) {
        out.put("Error", "error converting YAML to JSON: " + firstLine(e.getMessage()));
      }
      return out;
    }, STRING);
    fn(m, "fromYamlArray", l -> {
      try {
        Object v = loadYaml(str(l, 0));
        if (v instanceof List<?> list) {
          return new ArrayList<>(list);
        }
        if (v == null) {
          return new ArrayList<>();
        }
        return new ArrayList<>(List.of("error unmarshaling JSON: json: cannot unmarshal " + jsonKind(v)
            + " into Go value of type []interface {}"));
      } catch (RuntimeException e) {
        return new ArrayList<>(List.of("error converting YAML to JSON: " + firstLine(e.getMessage())));
      }
    }, STRING);
    fn(m, "toJson", l -> {
      try {
        return GoJson.marshal(l.get(0), true, "");
      } catch (Failure e) {
        return "";
      }
    }, ANY);
    fn(m, "fromJson", l -> {
      Map<String, Object> out = new LinkedHashMap<>();
      try {
        Object v = GoJson.unmarshal(str(l, 0));
        if (v instanceof Map<?, ?> map) {
          map.forEach((k, e) -> out.put(String.valueOf(k), e));
        } else {
          out.put("Error", "json: cannot unmarshal " + jsonKind(v) + " into Go value of type map[string]interface {}");
        }
      } catch (Failure e) {
        out.put("Error", e.getMessage());
      }
      return out;
    }, STRING);
    fn(m, "fromJsonArray", l -> {
      try {
        Object v = GoJson.unmarshal(str(l, 0));
        if (v instanceof List<?> list) {
          return new ArrayList<>(list);
        }
        return new ArrayList<>(List.of("json: cannot unmarshal " + jsonKind(v) + " into Go value of type []interface {}"));
      } catch (Failure e) {
        return new ArrayList<>(List.of(e.getMessage()));
      }
    }, STRING);
    fn(m, "toToml", l -> GoToml.marshal(l.get(0)), ANY);
    fn(m, "ipNet", l -> {
      try {
        Cidr c = Cidr.parse(str(l, 0));
        return c.networkString();
      } catch (IllegalArgumentException e) {
        return "invalid cidr: invalid CIDR address: " + str(l, 0);
      }
    }, STRING);
    fn(m, "ipAt", l -> {
      Cidr c;
      try {
        c = Cidr.parse(str(l, 0));
      } catch (IllegalArgumentException e) {
        return "invalid cidr: invalid CIDR address: " + str(l, 0);
      }
      long idx = (Long) l.get(1);
      long mask = c.mask32();
      long start = c.network32();
      long finish = (start & mask) | (mask ^ 0xFFFFFFFFL);
      long at = (start + idx) & 0xFFFFFFFFL;
      if (at > finish) {
        return "out of ip address range";
      }
      return (at >>> 24) + "." + ((at >>> 16) & 255) + "." + ((at >>> 8) & 255) + "." + (at & 255);
    }, STRING, UINT32);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }

  private static String jsonKind(Object v) {
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof Number) {
      return "number";
    }
    if (v instanceof List) {
      return "array";
    }
    if (v instanceof Map) {
      return "object";
    }
    return "null";
  }

  /** sigs.k8s.io/yaml: YAML read as JSON, so numbers are float64 and keys strings. */
  private static Object loadYaml(String text) {
    return asJson(GoYaml.load(text));
  }

  private static Object asJson(Object v) {
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, e) -> out.put(String.valueOf(k), asJson(e)));
      return out;
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(e -> out.add(asJson(e)));
      return out;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    return v;
  }

  /** An IPv4 CIDR as Go's net.ParseCIDR reads it. */
  record Cidr(long ip, int bits) {
    static Cidr parse(String s) {
      int slash = s.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException(s);
      }
      String[] parts = s.substring(0, slash).split("\\.", -1);
      String bitsText = s.substring(slash + 1);
      if (parts.length != 4 || !bitsText.matches("\\d{1,3}")) {
        throw new IllegalArgumentException(s);
      }
      long ip = 0;
      for (String p : parts) {
        if (!p.matches("\\d{1,3}") || (p.length() > 1 && p.startsWith("0")) || Integer.parseInt(p) > 255) {
          throw new IllegalArgumentException(s);
        }
        ip = (ip << 8) | Integer.parseInt(p);
      }
      int bits = Integer.parseInt(bitsText);
      if (bits > 32) {
        throw new IllegalArgumentException(s);
      }
      return new Cidr(ip, bits);
    }

    long mask32() {
      return bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
    }

    long network32() {
      return ip & mask32();
    }

    String networkString() {
      long n = network32();
      return (n >>> 24) + "." + ((n >>> 16) & 255) + "." + ((n >>> 8) & 255) + "." + (n & 255) + "/" + bits;
    }
  }
}
