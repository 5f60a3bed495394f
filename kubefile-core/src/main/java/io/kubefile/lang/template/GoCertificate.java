package io.kubefile.lang.template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * sprig's {@code certificate} struct: a PEM certificate and its PEM private key, read in templates
 * as {@code .Cert} and {@code .Key}; {@code %v} prints {@code {CERT KEY}} as fmt prints a struct.
 */
record GoCertificate(String cert, String key) implements GoObject {
  @Override
  public String goType() {
    return "sprig.certificate";
  }

  @Override
  public String kind() {
    return "struct";
  }

  @Override
  public Map<String, GoFunction> methods() {
    return Map.of();
  }

  @Override
  public Map<String, Object> fields() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("Cert", cert);
    f.put("Key", key);
    return f;
  }

  @Override
  public Object json() {
    return fields();
  }

  @Override
  public String toString() {
    return "{" + cert + " " + key + "}";
  }
}
