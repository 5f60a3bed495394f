package io.kubefile.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The command's output writer as a {@link PrintStream}, for library code that prints lines (the run
 * pipeline's host output): bytes are decoded per complete line, so multi-byte characters and the
 * lines of hosts writing in parallel arrive whole, and tests capture them like any other output.
 */
final class LinePrintStream {
  private LinePrintStream() {}

  static PrintStream of(PrintWriter writer) {
    OutputStream lines = new OutputStream() {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream();

      @Override
      public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
          writer.write(line.toString(StandardCharsets.UTF_8));
          writer.flush();
          line.reset();
        }
      }

      @Override
      public synchronized void flush() {
        if (line.size() > 0) {
          writer.write(line.toString(StandardCharsets.UTF_8));
          line.reset();
        }
        writer.flush();
      }
    };
    return new PrintStream(lines, true, StandardCharsets.UTF_8);
  }
}
