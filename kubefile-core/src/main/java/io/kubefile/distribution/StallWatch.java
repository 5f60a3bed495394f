package io.kubefile.distribution;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns a response body that stops sending into a failure instead of a read that blocks for ever.
 *
 * <p>The JDK's HTTP client has no read timeout for a streamed body: its request timeout ends when the
 * headers arrive, and a server (or a middlebox) that then goes silent leaves {@code read()} blocked
 * indefinitely. Closing the stream from another thread wakes that read with an IOException, so one
 * daemon thread checks every watched body and closes those without progress for {@link #timeout()};
 * the reader then sees {@link StalledException} and the caller retries (a download resumes with
 * Range) as after a dropped connection.
 */
final class StallWatch {
  /** How long a body may send nothing when the user does not say (KUBEFILE_STALL_TIMEOUT, --stall-timeout). */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final ScheduledExecutorService CHECKER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "kubefile-stall-watch");
    thread.setDaemon(true);
    return thread;
  });

  /** A body that sent nothing for the timeout; the connection was closed. */
  static final class StalledException extends IOException {
    StalledException(String message) {
      super(message);
    }
  }

  private final Duration timeout;

  StallWatch(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the stall timeout must be positive");
    }
    this.timeout = timeout;
  }

  Duration timeout() {
    return timeout;
  }

  /** {@code body}, closed (and its reads failing with {@link StalledException}) when it stalls. */
  Watched watch(InputStream body) {
    return new Watched(body);
  }

  /** A watched body; closing it stops the watch. */
  final class Watched extends FilterInputStream {
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean stalled;
    private final ScheduledFuture<?> check;

    private Watched(InputStream body) {
      super(body);
      long period = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
      this.check = CHECKER.scheduleAtFixedRate(this::closeIfStalled, period, period, TimeUnit.MILLISECONDS);
    }

    private void closeIfStalled() {
      if (!stalled && System.nanoTime() - lastProgress > timeout.toNanos()) {
        stalled = true;
        check.cancel(false);
        try {
          in.close();
        } catch (IOException ignored) {
          // the reader fails either way
        }
      }
    }

    @Override
    public int read() throws IOException {
      try {
        int b = in.read();
        lastProgress = System.nanoTime();
        return b;
      } catch (IOException e) {
        throw stalled ? stalledException() : e;
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        int n = in.read(buffer, offset, length);
        lastProgress = System.nanoTime();
        return n;
      } catch (IOException e) {
        throw stalled ? stalledException() : e;
      }
    }

    private StalledException stalledException() {
      return new StalledException("no data received for " + seconds(timeout) + " s");
    }

    @Override
    public void close() throws IOException {
      check.cancel(false);
      in.close();
    }
  }

  static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
  }
}
