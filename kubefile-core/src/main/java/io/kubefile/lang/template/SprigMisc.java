package io.kubefile.lang.template;

import static io.kubefile.lang.template.Functions.fn;
import static io.kubefile.lang.template.Functions.str;
import static io.kubefile.lang.template.Functions.variadic;
import static io.kubefile.lang.template.GoFunction.Type.ANY;
import static io.kubefile.lang.template.GoFunction.Type.BOOL;
import static io.kubefile.lang.template.GoFunction.Type.MAP;
import static io.kubefile.lang.template.GoFunction.Type.STRING;

import io.kubefile.lang.template.GoFunction.Failure;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** sprig v3 defaults, JSON, reflection, OS, semver, UUID, URL and flow functions. */
final class SprigMisc {
  private SprigMisc() {}

  static void register(Map<String, GoFunction> m) {
    variadic(m, "default", l -> l.size() < 2 || empty(l.get(1)) ? l.get(0) : l.get(1), ANY, ANY);
    fn(m, "empty", l -> empty(l.get(0)), ANY);
    variadic(m, "coalesce", l -> l.stream().filter(v -> !empty(v)).findFirst().orElse(null), ANY);
    variadic(m, "all", l -> l.stream().noneMatch(SprigMisc::empty), ANY);
    variadic(m, "any", l -> l.stream().anyMatch(v -> !empty(v)), ANY);
    fn(m, "ternary", l -> (Boolean) l.get(2) ? l.get(0) : l.get(1), ANY, ANY, BOOL);
    fn(m, "toPrettyJson", l -> GoJson.marshal(l.get(0), true, "  "), ANY);
    fn(m, "toRawJson", l -> GoJson.marshal(l.get(0), false, ""), ANY);
    fn(m, "mustToJson", l -> GoJson.marshal(l.get(0), true, ""), ANY);
    fn(m, "mustToPrettyJson", l -> GoJson.marshal(l.get(0), true, "  "), ANY);
    fn(m, "mustToRawJson", l -> GoJson.marshal(l.get(0), false, ""), ANY);
    fn(m, "mustFromJson", l -> GoJson.unmarshal(str(l, 0)), STRING);
    fn(m, "typeOf", l -> GoValues.typeName(l.get(0)), ANY);
    fn(m, "typeIs", l -> str(l, 0).equals(GoValues.typeName(l.get(1))), STRING, ANY);
    fn(m, "typeIsLike", l -> {
      String t = GoValues.typeName(l.get(1));
      return str(l, 0).equals(t) || ("*" + str(l, 0)).equals(t);
    }, STRING, ANY);
    fn(m, "kindOf", l -> kindOf(l.get(0)), ANY);
    fn(m, "kindIs", l -> str(l, 0).equals(kindOf(l.get(1))), STRING, ANY);
    fn(m, "deepEqual", l -> Objects.equals(l.get(0), l.get(1)), ANY, ANY);
    fn(m, "env", l -> Objects.requireNonNullElse(System.getenv(str(l, 0)), ""), STRING);
    fn(m, "expandenv", l -> expandEnv(str(l, 0)), STRING);
    fn(m, "getHostByName", l -> {
      try {
        return InetAddress.getByName(str(l, 0)).getHostAddress();
      } catch (UnknownHostException e) {
        throw new Failure("runtime error: index out of range [0] with length 0");
      }
    }, STRING);
    fn(m, "uuidv4", l -> UUID.randomUUID().toString());
    fn(m, "semver", l -> SemverValue.parse(str(l, 0)), STRING);
    fn(m, "semverCompare", l -> GoSemver.check(str(l, 0), str(l, 1)), STRING, STRING);
    fn(m, "fail", l -> {
      throw new Failure(str(l, 0));
    }, STRING);
    fn(m, "urlParse", l -> urlParse(str(l, 0)), STRING);
    fn(m, "urlJoin", l -> urlJoin(SprigCollections.dict(l.get(0))), MAP);
  }

  /** sprig's empty: Go's zero values and empty containers. */
  static boolean empty(Object v) {
    if (v == null || v == GoValues.MISSING) {
      return true;
    }
    if (v instanceof String s) {
      return s.isEmpty();
    }
    if (v instanceof Boolean b) {
      return !b;
    }
    if (v instanceof Long l) {
      return l == 0;
    }
    if (v instanceof Double d) {
      return d == 0;
    }
    if (v instanceof List<?> l) {
      return l.isEmpty();
    }
    if (v instanceof Map<?, ?> map) {
      return map.isEmpty();
    }
    return false;
  }

  /** reflect.Kind's name. */
  static String kindOf(Object v) {
    if (v == null || v == GoValues.MISSING) {
      return "invalid";
    }
    if (v instanceof List) {
      return "slice";
    }
    if (v instanceof Map) {
      return "map";
    }
    if (v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
      return GoValues.typeName(v);
    }
    if (v instanceof GoObject o) {
      return o.kind();
    }
    return "struct";
  }

  /** os.ExpandEnv: $VAR and ${VAR}, unknown variables empty. */
  private static String expandEnv(String s) {
    Matcher m = Pattern.compile("\\$(\\{([^}]*)\\}|([A-Za-z0-9_]+|[*#$@!?\\-0-9]))").matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(2) != null ? m.group(2) : m.group(3);
      String value = System.getenv(name);
      m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? "" : value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static Map<String, Object> urlParse(String v) {
    URI uri;
    try {
      uri = new URI(v);
    } catch (URISyntaxException e) {
      throw new Failure("unable to parse url: " + e.getMessage());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("scheme", Objects.requireNonNullElse(uri.getScheme(), ""));
    String host = Objects.requireNonNullElse(uri.getRawAuthority(), "");
    String userinfo = Objects.requireNonNullElse(uri.getRawUserInfo(), "");
    if (!userinfo.isEmpty()) {
      host = host.substring(userinfo.length() + 1);
    }
    out.put("host", host);
    out.put("hostname", Objects.requireNonNullElse(uri.getHost(), ""));
    out.put("path", Objects.requireNonNullElse(uri.getPath(), ""));
    out.put("query", Objects.requireNonNullElse(uri.getRawQuery(), ""));
    out.put("opaque", uri.isOpaque() ? uri.getRawSchemeSpecificPart() : "");
    out.put("fragment", Objects.requireNonNullElse(uri.getFragment(), ""));
    out.put("userinfo", userinfo);
    return out;
  }

  private static String urlJoin(Map<String, Object> d) {
    StringBuilder sb = new StringBuilder();
    String scheme = String.valueOf(d.getOrDefault("scheme", ""));
    String host = String.valueOf(d.getOrDefault("host", ""));
    String userinfo = String.valueOf(d.getOrDefault("userinfo", ""));
    String opaque = String.valueOf(d.getOrDefault("opaque", ""));
    if (!scheme.isEmpty()) {
      sb.append(scheme).append(':');
    }
    if (!opaque.isEmpty()) {
      sb.append(opaque);
    } else {
      if (!scheme.isEmpty() || !host.isEmpty() || !userinfo.isEmpty()) {
        sb.append("//");
        if (!userinfo.isEmpty()) {
          sb.append(userinfo).append('@');
        }
        sb.append(host);
      }
      String path = String.valueOf(d.getOrDefault("path", ""));
      if (!path.isEmpty() && !path.startsWith("/") && !host.isEmpty()) {
        sb.append('/');
      }
      sb.append(path);
    }
    String query = String.valueOf(d.getOrDefault("query", ""));
    if (!query.isEmpty()) {
      sb.append('?').append(query);
    }
    String fragment = String.valueOf(d.getOrDefault("fragment", ""));
    if (!fragment.isEmpty()) {
      sb.append('#').append(fragment);
    }
    return sb.toString();
  }
}
