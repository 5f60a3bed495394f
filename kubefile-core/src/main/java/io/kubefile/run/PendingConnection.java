package io.kubefile.run;

import io.kubefile.ssh.HostGroup;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A {@link HostGroup} being connected on its own thread while the caller does local work. A run
 * first extracts and renders its images' files, which needs no host, and connecting (key exchange
 * and login, most of a second per run in a fresh JVM, measured in {@code bench/run-fanout}) needs
 * no files: done one after the other they add up, side by side they overlap. Nothing is changed on
 * a host by connecting, so a host that is down still fails the run before any host is touched.
 */
final class PendingConnection {
  /** How long a failed run waits for its connection attempt to end. */
  static final Duration SETTLE = Duration.ofSeconds(5);
  private final CompletableFuture<HostGroup> group = new CompletableFuture<>();

  private PendingConnection() {}

  static PendingConnection start(Supplier<HostGroup> connect) {
    PendingConnection pending = new PendingConnection();
    Thread thread = new Thread(() -> {
      try {
        pending.group.complete(connect.get());
      } catch (Throwable e) {
        pending.group.completeExceptionally(e);
      }
    }, "kubefile-connect");
    thread.setDaemon(true);
    thread.start();
    return pending;
  }

  /** The connected group, or what connecting threw. */
  HostGroup await() {
    try {
      return group.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new RunException("connecting to the hosts failed: " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunException("interrupted while connecting to the hosts", e);
    }
  }

  /** Local work that needs no host. */
  @FunctionalInterface
  interface LocalWork<T> {
    T run() throws IOException;
  }

  /**
   * Does {@code work} while connecting; if it fails, the group is closed once connected (nothing
   * was done on the hosts) and its error is the run's, whatever connecting gave.
   */
  <T> T whileConnecting(LocalWork<T> work) throws IOException {
    try {
      return work.run();
    } catch (IOException | RuntimeException | Error e) {
      abandon();
      throw e;
    }
  }

  /**
   * Closes the group once connected, waiting up to {@link #SETTLE} for that: the run's error is
   * then reported after the attempt has ended, so nothing of it (a new host key recorded in
   * {@code known_hosts}, a connection) outlives the run. A host that does not answer is not waited
   * for longer; its attempt is closed whenever it ends.
   */
  private void abandon() {
    CompletableFuture<Void> closed = group.handle((connected, error) -> {
      if (connected != null) {
        connected.close();
      }
      return null;
    });
    try {
      closed.get(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // the run's own error is what is reported
    }
  }
}
