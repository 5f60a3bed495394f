package io.kubefile.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns a byte stream into lines for a {@link LineSink}, dropping {@code \r} so output of
 * programs that think they talk to a terminal prints cleanly.
 */
final class LineSplitter extends OutputStream {
  private final LineSink sink;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  LineSplitter(LineSink sink) {
    this.sink = sink;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      emit();
    } else if (b != '\r') {
      pending.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  private void emit() {
    sink.line(pending.toString(StandardCharsets.UTF_8));
    pending.reset();
  }

  /** A last line without a line end is still a line. */
  @Override
  public synchronized void close() {
    if (pending.size() > 0) {
      emit();
    }
  }
}
