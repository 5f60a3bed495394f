package io.kubefile.lang.template;

import io.kubefile.lang.template.GoFunction.Failure;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masterminds/semver v3 as sprig's {@code semverCompare} uses it: lenient versions ({@code v}
 * prefix, missing minor/patch), constraints with {@code = != > < >= <= ~ ^}, wildcards, hyphen
 * ranges, {@code ,}/space for AND and {@code ||} for OR, and v3's rule that a pre-release version
 * only satisfies constraints that themselves carry a pre-release.
 */
final class GoSemver {
  private static final Pattern VERSION = Pattern.compile(
      "v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?");
  private static final Pattern CONSTRAINT = Pattern.compile(
      "\\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\\^)?\\s*(v?([0-9xX*]+)(\\.[0-9xX*]+)?(\\.[0-9xX*]+)?"
          + "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?)\\s*");

  private GoSemver() {}

  record Version(BigInteger major, BigInteger minor, BigInteger patch, String pre, String original) {
    int compare(Version o) {
      int c = major.compareTo(o.major);
      if (c == 0) {
        c = minor.compareTo(o.minor);
      }
      if (c == 0) {
        c = patch.compareTo(o.patch);
      }
      if (c != 0) {
        return c;
      }
      if (pre.isEmpty() && o.pre.isEmpty()) {
        return 0;
      }
      if (pre.isEmpty()) {
        return 1;
      }
      if (o.pre.isEmpty()) {
        return -1;
      }
      String[] a = pre.split("\\.");
      String[] b = o.pre.split("\\.");
      for (int i = 0; i < Math.max(a.length, b.length); i++) {
        if (i >= a.length) {
          return -1;
        }
        if (i >= b.length) {
          return 1;
        }
        int r = comparePart(a[i], b[i]);
        if (r != 0) {
          return r;
        }
      }
      return 0;
    }

    private static int comparePart(String a, String b) {
      boolean an = a.matches("\\d+");
      boolean bn = b.matches("\\d+");
      if (an && bn) {
        return new BigInteger(a).compareTo(new BigInteger(b));
      }
      if (an) {
        return -1;
      }
      if (bn) {
        return 1;
      }
      return Integer.signum(a.compareTo(b));
    }
  }

  static Version parseVersion(String s) {
    Matcher m = VERSION.matcher(s);
    if (!m.matches()) {
      throw new Failure("Invalid Semantic Version");
    }
    return new Version(new BigInteger(m.group(1)), part(m.group(2)), part(m.group(3)),
        m.group(5) == null ? "" : m.group(5), s);
  }

  private static BigInteger part(String dotted) {
    return dotted == null ? BigInteger.ZERO : new BigInteger(dotted.substring(1));
  }

  private record Constraint(String op, Version con, boolean dirty, boolean minorDirty, boolean patchDirty) {}

  static boolean check(String constraints, String version) {
    List<List<Constraint>> groups = parseConstraints(constraints);
    Version v = parseVersion(version);
    for (List<Constraint> group : groups) {
      boolean all = true;
      for (Constraint c : group) {
        if (!matches(c, v)) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  private static List<List<Constraint>> parseConstraints(String text) {
    List<List<Constraint>> groups = new ArrayList<>();
    for (String or : text.split("\\|\\|")) {
      List<Constraint> group = new ArrayList<>();
      String and = or.trim();
      Matcher hyphen = Pattern.compile("^\\s*(\\S+)\\s+-\\s+(\\S+)\\s*$").matcher(and);
      if (hyphen.matches()) {
        group.add(constraint(">=", hyphen.group(1), text));
        group.add(constraint("<=", hyphen.group(2), text));
        groups.add(group);
        continue;
      }
      Matcher m = CONSTRAINT.matcher(and);
      int pos = 0;
      while (pos < and.length()) {
        if (!m.find(pos) || m.start() != pos) {
          throw new Failure("improper constraint: " + text);
        }
        group.add(constraint(m.group(1) == null ? "" : m.group(1), m.group(2), text));
        pos = m.end();
        if (pos < and.length() && and.charAt(pos) == ',') {
          pos++;
        }
      }
      if (group.isEmpty()) {
        throw new Failure("improper constraint: " + text);
      }
      groups.add(group);
    }
    return groups;
  }

  private static Constraint constraint(String op, String ver, String text) {
    Matcher m = Pattern.compile("v?([0-9xX*]+)(\\.[0-9xX*]+)?(\\.[0-9xX*]+)?(-[0-9A-Za-z\\-.]+)?(\\+[0-9A-Za-z\\-.]+)?")
        .matcher(ver);
    if (!m.matches()) {
      throw new Failure("improper constraint: " + text);
    }
    boolean minorDirty = false;
    boolean patchDirty = false;
    String major = m.group(1);
    String minor = m.group(2) == null ? null : m.group(2).substring(1);
    String patch = m.group(3) == null ? null : m.group(3).substring(1);
    String pre = m.group(4) == null ? "" : m.group(4).substring(1);
    if (isX(major)) {
      major = "0";
      minor = "0";
      patch = "0";
      minorDirty = true;
      patchDirty = true;
    } else if (minor == null || isX(minor)) {
      minor = "0";
      patch = "0";
      minorDirty = true;
      patchDirty = true;
    } else if (patch == null || isX(patch)) {
      patch = "0";
      patchDirty = true;
    }
    if (!major.matches("\\d+") || !minor.matches("\\d+") || !patch.matches("\\d+")) {
      throw new Failure("improper constraint: " + text);
    }
    Version v = new Version(new BigInteger(major), new BigInteger(minor), new BigInteger(patch), pre, ver);
    return new Constraint(op, v, minorDirty || patchDirty, minorDirty, patchDirty);
  }

  private static boolean isX(String s) {
    return s.equals("x") || s.equals("X") || s.equals("*");
  }

  private static boolean matches(Constraint c, Version v) {
    boolean preBlocked = !v.pre().isEmpty() && c.con().pre().isEmpty();
    Version con = c.con();
    switch (c.op()) {
      case "":
      case "=":
        if (c.dirty()) {
          return tilde(c, v, preBlocked);
        }
        return v.compare(con) == 0;
      case "!=":
        if (preBlocked) {
          return false;
        }
        if (!c.dirty()) {
          return v.compare(con) != 0;
        }
        if (!v.major().equals(con.major())) {
          return true;
        }
        if (!v.minor().equals(con.minor()) && !c.minorDirty()) {
          return true;
        }
        if (c.minorDirty()) {
          return false;
        }
        return !v.patch().equals(con.patch()) && !c.patchDirty();
      case ">":
        if (preBlocked) {
          return false;
        }
        if (!c.dirty()) {
          return v.compare(con) > 0;
        }
        if (v.major().compareTo(con.major()) != 0) {
          return v.major().compareTo(con.major()) > 0;
        }
        if (c.minorDirty()) {
          return false;
        }
        if (c.patchDirty()) {
          return v.minor().compareTo(con.minor()) > 0;
        }
        return v.compare(con) > 0;
      case "<":
        if (preBlocked) {
          return false;
        }
        return v.compare(con) < 0;
      case ">=":
      case "=>":
        if (preBlocked) {
          return false;
        }
        return v.compare(con) >= 0;
      case "<=":
      case "=<":
        if (preBlocked) {
          return false;
        }
        if (!c.dirty()) {
          return v.compare(con) <= 0;
        }
        if (v.major().compareTo(con.major()) > 0) {
          return false;
        }
        if (v.major().equals(con.major()) && v.minor().compareTo(con.minor()) > 0 && !c.minorDirty()) {
          return false;
        }
        return true;
      case "~":
      case "~>":
        return tilde(c, v, preBlocked);
      case "^":
        return caret(c, v, preBlocked);
      default:
        return false;
    }
  }

  private static boolean tilde(Constraint c, Version v, boolean preBlocked) {
    Version con = c.con();
    if (preBlocked || v.compare(con) < 0) {
      return false;
    }
    if (con.major().signum() == 0 && con.minor().signum() == 0 && con.patch().signum() == 0 && !c.minorDirty()
        && !c.patchDirty()) {
      return true;
    }
    if (!v.major().equals(con.major())) {
      return false;
    }
    return v.minor().equals(con.minor()) || c.minorDirty();
  }

  private static boolean caret(Constraint c, Version v, boolean preBlocked) {
    Version con = c.con();
    if (preBlocked || v.compare(con) < 0) {
      return false;
    }
    if (con.major().signum() > 0 || c.minorDirty()) {
      return v.major().equals(con.major());
    }
    if (v.major().signum() > 0) {
      return false;
    }
    if (con.minor().signum() > 0 || c.patchDirty()) {
      return v.minor().equals(con.minor());
    }
    if (v.minor().signum() > 0) {
      return false;
    }
    return con.patch().equals(v.patch());
  }
}
