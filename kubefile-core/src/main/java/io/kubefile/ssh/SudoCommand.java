package io.kubefile.ssh;

/**
 * How a command of a non-root user reaches root (R6): {@code sudo -E /bin/bash -c '<command>'},
 * the command quoted so it arrives byte for byte.
 *
 * <p>With a password, sudo reads it from standard input ({@code -S}, empty prompt); without one
 * sudo must not ask ({@code -n}), so a host lacking NOPASSWD fails at once with sudo's message
 * instead of hanging on a prompt no one answers. When sudo does not need the password (NOPASSWD,
 * or a cached login), the password line would stay on the command's standard input, so the
 * command's standard input is closed before it starts.
 */
final class SudoCommand {
  private SudoCommand() {}

  static String wrap(String command, boolean withPassword) {
    String options = withPassword ? "-S -p '' -E" : "-n -E";
    return "sudo " + options + " /bin/bash -c " + Shell.quote("exec 0</dev/null; " + command);
  }
}
