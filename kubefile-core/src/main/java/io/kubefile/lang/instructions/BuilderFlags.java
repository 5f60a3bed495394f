package io.kubefile.lang.instructions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * buildkit's {@code BFlags}: the flags an instruction accepts, checked strictly. An unknown flag is
 * an error, a non-repeatable flag given twice is an error, bool flags accept {@code --x},
 * {@code --x=true} and {@code --x=false}, and string flags need {@code --x=value}.
 */
final class BuilderFlags {
  enum Kind { BOOL, STRING, STRINGS }

  private final Map<String, Kind> declared = new LinkedHashMap<>();
  private final Map<String, String> values = new HashMap<>();
  private final Map<String, List<String>> repeated = new HashMap<>();

  BuilderFlags bool(String name) {
    declared.put(name, Kind.BOOL);
    return this;
  }

  BuilderFlags string(String name) {
    declared.put(name, Kind.STRING);
    return this;
  }

  BuilderFlags strings(String name) {
    declared.put(name, Kind.STRINGS);
    return this;
  }

  /** Checks the {@code --flag} words of a node; the message is buildkit's. */
  void parse(List<String> args) throws FlagException {
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new FlagException("Arg should start with -- : " + arg);
      }
      if (arg.equals("--")) {
        return;
      }
      String name = arg.substring(2);
      String value = "";
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Kind kind = declared.get(name);
      if (kind == null) {
        throw new FlagException("Unknown flag: " + name);
      }
      if (kind != Kind.STRINGS && (values.containsKey(name))) {
        throw new FlagException("Duplicate flag specified: " + name);
      }
      switch (kind) {
        case BOOL -> {
          if (eq >= 0 && value.isEmpty()) {
            throw new FlagException("Missing a value on flag: " + name);
          }
          String lower = value.toLowerCase(Locale.ROOT);
          if (lower.isEmpty()) {
            values.put(name, "true");
          } else if (lower.equals("true") || lower.equals("false")) {
            values.put(name, lower);
          } else {
            throw new FlagException("Expecting boolean value for flag " + name + ", not: " + value);
          }
        }
        case STRING -> {
          if (eq < 0) {
            throw new FlagException("Missing a value on flag: " + name);
          }
          values.put(name, value);
        }
        case STRINGS -> {
          if (eq < 0) {
            throw new FlagException("Missing a value on flag: " + name);
          }
          repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
          values.put(name, value);
        }
      }
    }
  }

  /** The value of a string flag, or null when it was not given. */
  String stringValue(String name) {
    return values.get(name);
  }

  boolean isTrue(String name) {
    return "true".equals(values.get(name));
  }

  /** A bool flag's value, or null when it was not given. */
  Boolean optionalBool(String name) {
    return values.containsKey(name) ? isTrue(name) : null;
  }

  List<String> stringValues(String name) {
    return List.copyOf(repeated.getOrDefault(name, List.of()));
  }

  static final class FlagException extends Exception {
    private static final long serialVersionUID = 1L;

    FlagException(String message) {
      super(message, null, false, false);
    }
  }
}
