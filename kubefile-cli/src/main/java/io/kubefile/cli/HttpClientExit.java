package io.kubefile.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets the JVM exit promptly after using {@link java.net.http.HttpClient}. Each client keeps a
 * selector thread blocked in native code, and HotSpot waits up to 300 ms at exit for threads in
 * native code: a third of a warm {@code kubefile build}. Java 17's client has no close() (Java 21
 * adds one); its selector loop ends when the thread is interrupted, so a shutdown hook does that.
 *
 * <p>This is the command line's business, not the library's: the hook interrupts every HttpClient
 * selector in the JVM, which a host application embedding kubefile-core must not have imposed on it.
 */
final class HttpClientExit {
  private static final AtomicBoolean REGISTERED = new AtomicBoolean();

  private HttpClientExit() {}

  /** Installs the shutdown hook once. */
  static void register() {
    if (REGISTERED.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(HttpClientExit::stopSelectors, "kubefile-http-exit"));
    }
  }

  private static void stopSelectors() {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("HttpClient-") && thread.getName().endsWith("-SelectorManager")) {
        thread.interrupt();
        try {
          thread.join(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
