package io.kubefile.lang.template;

import static io.kubefile.lang.template.Functions.fn;
import static io.kubefile.lang.template.Functions.str;
import static io.kubefile.lang.template.GoFunction.Type.STRING;
import static io.kubefile.lang.template.GoFunction.Type.VERSION;

import io.kubefile.lang.template.GoFunction.Failure;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sprig's {@code semver}: a Masterminds/semver v3 {@code *Version} with its methods ({@code
 * Major}, {@code Prerelease}, {@code IncMinor}, {@code Compare}...). {@code %v} and {@code toJson}
 * print {@code String()}, the normalised version ({@code v1.2} is {@code 1.2.0}); {@code Original}
 * keeps the text as given.
 */
final class SemverValue implements GoObject {
  private static final Map<String, GoFunction> METHODS = methodTable();

  final GoSemver.Version version;
  final String metadata;
  /** semver returns a *Version; the Inc and Set methods return a Version value. */
  private final boolean pointer;

  SemverValue(GoSemver.Version version, String metadata, boolean pointer) {
    this.version = version;
    this.metadata = metadata;
    this.pointer = pointer;
  }

  static SemverValue parse(String text) {
    GoSemver.Version v = GoSemver.parseVersion(text);
    int plus = text.indexOf('+');
    return new SemverValue(v, plus < 0 ? "" : text.substring(plus + 1), true);
  }

  @Override
  public String goType() {
    return pointer ? "*semver.Version" : "semver.Version";
  }

  @Override
  public String kind() {
    return pointer ? "ptr" : "struct";
  }

  @Override
  public Map<String, GoFunction> methods() {
    return METHODS;
  }

  @Override
  public Object json() {
    return toString();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder().append(version.major()).append('.').append(version.minor()).append('.')
        .append(version.patch());
    if (!version.pre().isEmpty()) {
      b.append('-').append(version.pre());
    }
    if (!metadata.isEmpty()) {
      b.append('+').append(metadata);
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SemverValue s && s.toString().equals(toString()) && s.version.original().equals(version.original());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  private static SemverValue self(List<Object> l) {
    return (SemverValue) l.get(0);
  }

  private static SemverValue other(List<Object> l) {
    if (l.get(1) == null) {
      throw new Failure("runtime error: invalid memory address or nil pointer dereference");
    }
    return (SemverValue) l.get(1);
  }

  /** A version with new parts, as Inc* and Set* build it: Original is the new String() after the old "v" prefix. */
  private SemverValue with(BigInteger major, BigInteger minor, BigInteger patch, String pre, String meta) {
    SemverValue v = new SemverValue(new GoSemver.Version(major, minor, patch, pre, ""), meta, false);
    String prefix = version.original().startsWith("v") || version.original().startsWith("V")
        ? version.original().substring(0, 1) : "";
    return new SemverValue(new GoSemver.Version(major, minor, patch, pre, prefix + v), meta, false);
  }

  private static Map<String, GoFunction> methodTable() {
    Map<String, GoFunction> m = new LinkedHashMap<>();
    fn(m, "Major", l -> self(l).version.major().longValue());
    fn(m, "Minor", l -> self(l).version.minor().longValue());
    fn(m, "Patch", l -> self(l).version.patch().longValue());
    fn(m, "Prerelease", l -> self(l).version.pre());
    fn(m, "Metadata", l -> self(l).metadata);
    fn(m, "Original", l -> self(l).version.original());
    fn(m, "String", l -> self(l).toString());
    fn(m, "IncPatch", l -> {
      SemverValue v = self(l);
      GoSemver.Version x = v.version;
      if (!x.pre().isEmpty()) {
        return v.with(x.major(), x.minor(), x.patch(), "", "");
      }
      return v.with(x.major(), x.minor(), x.patch().add(BigInteger.ONE), "", "");
    });
    fn(m, "IncMinor", l -> {
      GoSemver.Version x = self(l).version;
      return self(l).with(x.major(), x.minor().add(BigInteger.ONE), BigInteger.ZERO, "", "");
    });
    fn(m, "IncMajor", l -> {
      GoSemver.Version x = self(l).version;
      return self(l).with(x.major().add(BigInteger.ONE), BigInteger.ZERO, BigInteger.ZERO, "", "");
    });
    fn(m, "SetPrerelease", l -> {
      String pre = str(l, 1);
      if (!pre.isEmpty() && !pre.matches("[0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*")) {
        throw new Failure("Invalid Prerelease string");
      }
      GoSemver.Version x = self(l).version;
      return self(l).with(x.major(), x.minor(), x.patch(), pre, self(l).metadata);
    }, STRING);
    fn(m, "SetMetadata", l -> {
      String meta = str(l, 1);
      if (!meta.isEmpty() && !meta.matches("[0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*")) {
        throw new Failure("Invalid Metadata string");
      }
      GoSemver.Version x = self(l).version;
      return self(l).with(x.major(), x.minor(), x.patch(), x.pre(), meta);
    }, STRING);
    fn(m, "Compare", l -> (long) Integer.signum(self(l).version.compare(other(l).version)), VERSION);
    fn(m, "LessThan", l -> self(l).version.compare(other(l).version) < 0, VERSION);
    fn(m, "GreaterThan", l -> self(l).version.compare(other(l).version) > 0, VERSION);
    fn(m, "Equal", l -> self(l).version.compare(other(l).version) == 0, VERSION);
    return Collections.unmodifiableMap(m);
  }
}
