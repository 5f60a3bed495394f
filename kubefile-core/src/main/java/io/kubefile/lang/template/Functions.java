package io.kubefile.lang.template;

import io.kubefile.lang.template.GoFunction.Type;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The function sets: sealos's ({@code lifecycle/pkg/template/funcmap.go}: Go builtins, then sprig's
 * TxtFuncMap on top (sprig's {@code slice} replaces Go's), then sealos's extras on top of sprig's
 * {@code toJson}/{@code fromJson}).
 */
final class Functions {
  private Functions() {}

  static Map<String, GoFunction> sealos() {
    Map<String, GoFunction> m = new LinkedHashMap<>();
    Builtins.register(m);
    SprigStrings.register(m);
    SprigCollections.register(m);
    SprigNumbers.register(m);
    SprigMisc.register(m);
    SprigDates.register(m);
    SprigCrypto.register(m);
    SealosFunctions.register(m);
    return Collections.unmodifiableMap(m);
  }

  static Map<String, GoFunction> inspect() {
    Map<String, GoFunction> m = new LinkedHashMap<>(sealos());
    fn(m, "json", l -> GoJson.marshal(l.get(0), false, ""), Type.ANY);
    return Collections.unmodifiableMap(m);
  }

  /** Registers a non-builtin function; for a variadic one the last type is the element type. */
  static void fn(Map<String, GoFunction> into, String name, GoFunction.Impl impl, Type... params) {
    into.put(name, new GoFunction(name, Arrays.asList(params), false, false, impl));
  }

  static void variadic(Map<String, GoFunction> into, String name, GoFunction.Impl impl, Type... params) {
    into.put(name, new GoFunction(name, Arrays.asList(params), true, false, impl));
  }

  static String str(List<Object> args, int i) {
    return (String) args.get(i);
  }

  static long integer(List<Object> args, int i) {
    return (Long) args.get(i);
  }

  /** sprig's strval: a string as is, anything else as fmt's %v. */
  static String strval(Object v) {
    if (v instanceof String s) {
      return s;
    }
    return GoFormat.sprint(Collections.singletonList(v == GoValues.MISSING ? null : v));
  }
}
