package io.kubefile.ssh;

/** Quoting for the POSIX shells commands are sent to. */
public final class Shell {
  private Shell() {}

  /**
   * Single-quotes a word so the shell passes it through unchanged: each {@code '} becomes
   * {@code '\''}. (Sealos replaces {@code '} by {@code "} instead, which changes the command: #4424.)
   */
  public static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
