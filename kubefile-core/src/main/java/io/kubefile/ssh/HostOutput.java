package io.kubefile.ssh;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the output of commands on hosts goes: every line to the console prefixed
 * {@code <ip:port>\t} (R9), so lines of hosts running in parallel stay attributable, and the same
 * line without prefix to {@code <logDir>/<ip:port>.log}, one file per host, kept after the run.
 */
public final class HostOutput implements AutoCloseable {
  private final PrintStream console;
  private final Path logDir;
  private final Map<HostAddress, BufferedWriter> logs = new HashMap<>();

  /** @param logDir where per-host logs go, or null for console only */
  public HostOutput(PrintStream console, Path logDir) {
    this.console = console;
    this.logDir = logDir;
  }

  public LineSink sink(HostAddress host) {
    BufferedWriter log = logFor(host);
    String prefix = host + "\t";
    return line -> {
      synchronized (console) {
        console.println(prefix + line);
      }
      if (log != null) {
        synchronized (log) {
          try {
            log.write(line);
            log.newLine();
            log.flush();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    };
  }

  /** The per-host log file, for messages that point the user at it. */
  public Path logFile(HostAddress host) {
    return logDir == null ? null : logDir.resolve(host + ".log");
  }

  private synchronized BufferedWriter logFor(HostAddress host) {
    if (logDir == null) {
      return null;
    }
    return logs.computeIfAbsent(host, h -> {
      try {
        Files.createDirectories(logDir);
        return Files.newBufferedWriter(logFile(h), StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public synchronized void close() {
    for (BufferedWriter log : logs.values()) {
      try {
        log.close();
      } catch (IOException ignored) {
        // a log that cannot be closed lost at most its last line; the run's result stands
      }
    }
    logs.clear();
  }
}
