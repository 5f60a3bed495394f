package io.kubefile.builder;

import java.util.regex.Pattern;

/**
 * A {@code --chmod} value: octal ({@code 755}, at most 07777) or symbolic ({@code u=rwX,go=rX},
 * {@code +x}), applied as chmod(1) does. Symbolic modes are relative to each file's own mode.
 */
public final class ChmodSpec {
  private static final Pattern OCTAL = Pattern.compile("[0-7]{1,4}");
  private static final Pattern NUMERIC_LOOKING = Pattern.compile("[0-9]+");
  private static final Pattern CLAUSE = Pattern.compile("[ugoa]*([-+=]([rwxXst]*|[ugo]))+");

  private final Integer octal;
  private final String[] clauses;

  private ChmodSpec(Integer octal, String[] clauses) {
    this.octal = octal;
    this.clauses = clauses;
  }

  public static ChmodSpec parse(String text) {
    if (OCTAL.matcher(text).matches()) {
      return new ChmodSpec(Integer.parseInt(text, 8), null);
    }
    if (NUMERIC_LOOKING.matcher(text).matches()) {
      throw new IllegalArgumentException("invalid chmod parameter: " + text);
    }
    String[] clauses = text.split(",", -1);
    for (String c : clauses) {
      if (!CLAUSE.matcher(c).matches()) {
        throw new IllegalArgumentException("invalid chmod parameter: " + text);
      }
    }
    return new ChmodSpec(null, clauses);
  }

  /** The new permission bits for an entry whose current mode is {@code mode}. */
  public int apply(int mode, boolean directory) {
    if (octal != null) {
      return octal;
    }
    int result = mode & 07777;
    for (String clause : clauses) {
      int i = 0;
      int who = 0;
      while (i < clause.length() && "ugoa".indexOf(clause.charAt(i)) >= 0) {
        who |= switch (clause.charAt(i)) {
          case 'u' -> 04700;
          case 'g' -> 02070;
          case 'o' -> 01007;
          default -> 07777;
        };
        i++;
      }
      boolean allWhoImplicit = who == 0;
      if (allWhoImplicit) {
        who = 07777;
      }
      while (i < clause.length()) {
        char op = clause.charAt(i++);
        int perms = 0;
        while (i < clause.length() && "+-=".indexOf(clause.charAt(i)) < 0) {
          char p = clause.charAt(i++);
          perms |= switch (p) {
            case 'r' -> 0444;
            case 'w' -> 0222;
            case 'x' -> 0111;
            case 'X' -> directory || (result & 0111) != 0 ? 0111 : 0;
            case 's' -> 06000;
            case 't' -> 01000;
            case 'u' -> copyBits((result >> 6) & 7);
            case 'g' -> copyBits((result >> 3) & 7);
            case 'o' -> copyBits(result & 7);
            default -> 0;
          };
        }
        // Without a "who", chmod(1) would mask with the umask; builds have no umask, so none.
        int mask = allWhoImplicit ? perms & 07777 : who & perms;
        switch (op) {
          case '+' -> result |= mask;
          case '-' -> result &= ~mask;
          default -> result = (result & ~(who & 07777)) | mask;
        }
      }
    }
    return result;
  }

  private static int copyBits(int rwx) {
    return rwx * 0111;
  }
}
