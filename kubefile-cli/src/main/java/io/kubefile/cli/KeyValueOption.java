package io.kubefile.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

/** Reads repeated {@code KEY=VALUE} options; a bare {@code KEY} takes the host environment's value. */
final class KeyValueOption {
  private KeyValueOption() {}

  static Map<String, String> parse(List<String> values, String option, CommandSpec spec,
      boolean bareKeyFromEnvironment) {
    Map<String, String> out = new LinkedHashMap<>();
    if (values == null) {
      return out;
    }
    for (String v : values) {
      int eq = v.indexOf('=');
      if (eq == 0) {
        throw new ParameterException(spec.commandLine(), option + " " + v + ": the key is empty");
      }
      if (eq < 0) {
        if (!bareKeyFromEnvironment) {
          throw new ParameterException(spec.commandLine(), option + " " + v + ": expected KEY=VALUE");
        }
        String env = System.getenv(v);
        if (env != null) {
          out.put(v, env);
        }
      } else {
        out.put(v.substring(0, eq), v.substring(eq + 1));
      }
    }
    return out;
  }
}
