package io.kubefile.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment of an image's scripts, templates and commands (SEALOS_COMPAT §6.3): image ENV,
 * overridden by the Clusterfile's {@code spec.env}, overridden by {@code --env}, overridden by the
 * host's {@code hosts[].env}. The {@code SEALOS_SYS_*} variables are Kubefile's to set
 * ({@code SEALOS_SYS_KUBE_VERSION} from the rootfs {@code version} label,
 * {@code SEALOS_SYS_SEALOS_VERSION}); setting one yourself is an error, not silently ignored.
 */
public final class InstallEnv {
  /** The sealos release whose on-host behaviour Kubefile follows, for scripts that compare it. */
  public static final String SEALOS_VERSION = "v5.0.1";
  static final String SYS_PREFIX = "SEALOS_SYS_";
  private static final java.util.regex.Pattern VALID_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private InstallEnv() {}

  /** {@code K=V} items into a map; items without {@code =} are dropped, as sealos does. */
  public static Map<String, String> fromList(List<String> items) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String item : items) {
      int eq = item.indexOf('=');
      if (eq > 0) {
        out.put(item.substring(0, eq), item.substring(eq + 1));
      }
    }
    return out;
  }

  /** Fails when {@code values} ({@code where}: --env, spec.env, hosts[].env) sets a SEALOS_SYS_ variable. */
  public static void requireNoSystemKeys(Map<String, String> values, String where) {
    requireValidNames(values, where);
    for (String key : values.keySet()) {
      if (key.startsWith(SYS_PREFIX)) {
        throw new RunException(key + " is set by Kubefile and cannot be set in " + where);
      }
    }
  }

  /**
   * Fails when a name in {@code values} cannot be exported by a shell, before anything is sent:
   * {@link #exportLine} refuses it too, but only once the files are on the hosts.
   */
  public static void requireValidNames(Map<String, String> values, String where) {
    for (String key : values.keySet()) {
      if (!VALID_NAME.matcher(key).matches()) {
        throw new RunException("invalid environment variable name \"" + key + "\" in " + where);
      }
    }
  }

  /**
   * The {@code registryPort} of {@code env} (default 5000), which must be a TCP port: the registry
   * wait connects to it, and a value that is not a number (a stray space, say) made the run fail
   * only after the whole wait, blaming the registry. Checked before any host is changed.
   */
  public static String registryPort(Map<String, String> env) {
    String port = env.getOrDefault("registryPort", "5000");
    int number = port.matches("[0-9]{1,5}") ? Integer.parseInt(port) : -1;
    if (number < 1 || number > 65535) {
      throw new RunException("registryPort must be a port number from 1 to 65535, not \"" + port + "\"");
    }
    return port;
  }

  /** image ENV < spec.env < --env: what is recorded for the image in the Clusterfile status. */
  public static Map<String, String> imageEnv(ClusterImage image, Map<String, String> specEnv, Map<String, String> cliEnv) {
    Map<String, String> env = new LinkedHashMap<>(image.env());
    env.putAll(specEnv);
    env.putAll(cliEnv);
    return env;
  }

  /** The variables Kubefile sets for rootfs and patch images. */
  public static Map<String, String> builtins(String kubeVersion) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("SEALOS_SYS_KUBE_VERSION", kubeVersion == null ? "" : kubeVersion);
    out.put("SEALOS_SYS_SEALOS_VERSION", SEALOS_VERSION);
    return out;
  }

  /** {@code env} with the host's own variables on top. */
  public static Map<String, String> forHost(Map<String, String> env, Map<String, String> hostEnv) {
    Map<String, String> out = new LinkedHashMap<>(env);
    out.putAll(hostEnv);
    return out;
  }

  /**
   * {@code export K="V" …; } in key order (sealos uses Go's random map order). Values are in double
   * quotes as sealos writes them, so {@code $} keeps sealos's meaning: {@code $OTHER} (and
   * {@code $(…)}) expand on the host, and {@code \$} is the way to a literal dollar, as with
   * sealos. Everything else reaches the scripts as written: {@code "} and {@code `} are escaped,
   * and so is a backslash wherever the shell would otherwise take it as an escape (before
   * {@code \}, {@code "}, {@code `}, a newline or the closing quote), so a value cannot end its
   * quotes early.
   */
  public static String exportLine(Map<String, String> env) {
    if (env.isEmpty()) {
      return "";
    }
    StringBuilder line = new StringBuilder("export");
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      if (!VALID_NAME.matcher(e.getKey()).matches()) {
        throw new RunException("invalid environment variable name \"" + e.getKey() + "\"");
      }
      line.append(' ').append(e.getKey()).append("=\"").append(doubleQuoted(e.getValue())).append('"');
    }
    return line.append("; ").toString();
  }

  /** The text to put between double quotes so that bash reads {@code value} (see {@link #exportLine}). */
  static String doubleQuoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '`') {
        out.append('\\').append(c);
      } else if (c == '\\') {
        char next = i + 1 < value.length() ? value.charAt(i + 1) : '"';
        // "\$" stays: sealos's way to a literal dollar. Before ordinary characters bash keeps the
        // backslash as it is.
        out.append(next == '\\' || next == '"' || next == '`' || next == '\n' ? "\\\\" : "\\");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
