package io.kubefile.lang.template;

import java.util.List;

/**
 * A function callable from a template, with its Go signature. The signature matters because Go's
 * executor converts arguments by parameter type: a number literal becomes an int for an {@code
 * int} parameter, a missing value is an error for a {@code string} parameter ("invalid value;
 * expected string") but nil for {@code interface {}}, and the argument count is checked.
 */
final class GoFunction {
  /** Parameter types that occur in the Go builtins, sprig and sealos's extra functions. */
  enum Type {
    ANY("interface {}"), VALUE("reflect.Value"), STRING("string"), INT("int"), INT64("int64"),
    FLOAT64("float64"), BOOL("bool"), UINT32("uint32"), MAP("map[string]interface {}"),
    LIST("[]interface {}"), TIME("time.Time"), DURATION("time.Duration"), VERSION("*semver.Version"),
    CERTIFICATE("sprig.certificate"),
    /** Go's nil reflect.Type in evalArg (a chain's receiver): the value as it is, invalid included. */
    ANY_UNCONVERTED("interface {}");

    final String goName;

    Type(String goName) {
      this.goName = goName;
    }
  }

  /** The implementation; it receives arguments already converted to the parameter types. */
  @FunctionalInterface
  interface Impl {
    Object call(List<Object> args);
  }

  /** A Go function's non-nil error return: the call fails with "error calling NAME: MESSAGE". */
  static final class Failure extends RuntimeException {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  final String name;
  final List<Type> params;
  final boolean variadic;
  final boolean builtin;
  final Impl impl;

  GoFunction(String name, List<Type> params, boolean variadic, boolean builtin, Impl impl) {
    this.name = name;
    this.params = params;
    this.variadic = variadic;
    this.builtin = builtin;
    this.impl = impl;
  }

  /** A method of RECEIVER: this function with RECEIVER passed before the template's arguments. */
  GoFunction bind(Object receiver) {
    return new GoFunction(name, params, variadic, false, args -> {
      List<Object> all = new java.util.ArrayList<>(args.size() + 1);
      all.add(receiver);
      all.addAll(args);
      return impl.call(all);
    });
  }
}
