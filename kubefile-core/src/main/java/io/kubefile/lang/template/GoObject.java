package io.kubefile.lang.template;

import java.util.Map;

/**
 * A Go value that is neither a basic type nor a map or slice: a {@code time.Time}, a {@code
 * *semver.Version}, sprig's certificate struct. Templates reach such values through fields and
 * methods ({@code (semver "1.2.3").Major}, {@code (now).Unix}), print them with fmt's rules
 * ({@link #toString()} is what {@code %v} prints: the String method where Go has one, else the
 * struct's fields in braces) and marshal them to JSON as Go does ({@link #json()}).
 */
interface GoObject {
  /** Go's type name as {@code typeOf} and error messages show it, e.g. {@code time.Time}. */
  String goType();

  /** reflect.Kind's name: {@code struct} or {@code ptr}. */
  String kind();

  /**
   * The exported methods templates can call, by name. Each implementation receives the receiver
   * as its first argument, before the arguments its signature lists ({@link GoFunction#bind}).
   */
  Map<String, GoFunction> methods();

  /** The exported fields, by name (empty for types without exported fields). */
  default Map<String, Object> fields() {
    return Map.of();
  }

  /** What encoding/json writes for the value, as a template value (a string or a map). */
  Object json();
}
