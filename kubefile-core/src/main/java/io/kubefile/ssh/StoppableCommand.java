package io.kubefile.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A remote command with a time limit that can really be stopped when the limit passes.
 *
 * <p>Closing the channel does not do it: without a terminal sshd leaves the command running (a
 * silent {@code sleep 600} outlives the run). Nor does the RFC 4254 {@code signal} request: tried
 * against Debian's OpenSSH 9.2, sshd ignored it for a root login, and for a sudo login it signals
 * as the login user, which reaches {@code sudo} only and leaves root's processes running. So the
 * command, already running as root, first reports its process group on stderr, behind a marker
 * made for this one command (the line is taken out of the output), and on timeout
 * {@link #stopCommand} kills that group as root over the same connection, then waits until it is
 * gone. The group is the command's shell and everything it started that did not leave the group
 * on purpose (a daemon that calls {@code setsid} is meant to outlive its starter): sshd makes a
 * command its own session and group leader, and sudo, run without a terminal as here (so even
 * with {@code use_pty}), keeps the command in its own group, which the kill then ends too.
 */
final class StoppableCommand {
  private final byte[] marker = ("kubefile-process-group-" + UUID.randomUUID() + ":").getBytes(StandardCharsets.US_ASCII);
  private final CountDownLatch reported = new CountDownLatch(1);
  private volatile long group = -1;

  /**
   * {@code command} preceded by the report of its process group (field 5 of
   * {@code /proc/<shell>/stat}; the shell's name there, field 2, has no spaces), in POSIX shell
   * and without variables the command could see.
   */
  String line(String command) {
    return "echo \"" + new String(marker, StandardCharsets.US_ASCII) + "$(cut -d ' ' -f 5 /proc/$$/stat)\" >&2\n" + command;
  }

  /** The process group the command reported, waiting at most {@code wait} for the report. */
  OptionalLong awaitGroup(Duration wait) {
    try {
      reported.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long value = group;
    return value > 1 ? OptionalLong.of(value) : OptionalLong.empty();
  }

  /**
   * Kills every process of {@code group} (never 0 or 1, which would mean this shell's group or every
   * process) and waits, at most 10 s, until none is left, so that "stopped" is true when reported.
   */
  static String stopCommand(long group) {
    if (group <= 1) {
      throw new IllegalArgumentException("not a process group of a command: " + group);
    }
    String target = "-- -" + group;
    return "kill -KILL " + target + " 2>/dev/null; i=0; while kill -0 " + target + " 2>/dev/null && [ $i -lt 200 ]; do"
        + " sleep 0.05; i=$((i+1)); done";
  }

  /** {@code stderr} without the report line; lines before it (sudo's complaints) pass through. */
  Errors errors(OutputStream stderr) {
    return new Errors(stderr);
  }

  /** The command's stderr as it goes on to its reader. */
  final class Errors extends OutputStream {
    private final OutputStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean seen;

    private Errors(OutputStream target) {
      this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      if (seen) {
        target.write(b);
        return;
      }
      line.write(b);
      if (b == '\n') {
        endOfLine();
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      int i = off;
      while (!seen && i < off + len) {
        write(b[i++]);
      }
      if (i < off + len) {
        target.write(b, i, off + len - i);
      }
    }

    private void endOfLine() throws IOException {
      byte[] text = line.toByteArray();
      line.reset();
      if (text.length > marker.length && Arrays.equals(text, 0, marker.length, marker, 0, marker.length)) {
        seen = true;
        String value = new String(text, marker.length, text.length - marker.length, StandardCharsets.US_ASCII).strip();
        group = value.matches("\\d{1,18}") ? Long.parseLong(value) : -1;
        reported.countDown();
      } else {
        target.write(text);
      }
    }

    /** Passes on a last line that never ended (the command ended before reporting). */
    synchronized void finish() throws IOException {
      if (!seen && line.size() > 0) {
        target.write(line.toByteArray());
        line.reset();
      }
    }
  }
}
