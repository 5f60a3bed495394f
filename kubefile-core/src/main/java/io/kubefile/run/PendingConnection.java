package io.kubefile.run;

import io.kubefile.ssh.HostGroup;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A {@link HostGroup} being connected on its own thread while the caller does local work. A run
 * first extracts and renders its images' files, which needs no host, and connecting (key exchange
 * and login, most of a second per run in a fresh JVM, measured in {@code bench/run-fanout}) needs
 * no files: done one after the other they add up, side by side they overlap. Nothing is changed on
 * a host by connecting, so a host that is down still fails the run before any host is touched.
 */
final class PendingConnection {
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

  private void abandon() {
    group.whenComplete((connected, error) -> {
      if (connected != null) {
        connected.close();
      }
    });
  }
}
