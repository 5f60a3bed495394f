package io.kubefile.ssh;

/** Receives a command's output, one line at a time (without the line end). */
@FunctionalInterface
public interface LineSink {
  LineSink DISCARD = line -> {};

  void line(String line);
}
