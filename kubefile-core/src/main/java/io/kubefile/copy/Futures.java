package io.kubefile.copy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waiting on parallel transfers and shared downloads while keeping their own exceptions: an
 * IOException or RuntimeException from a worker reaches the caller as itself, not wrapped.
 */
final class Futures {
  private Futures() {}

  /** The result of work another thread is doing (a shared download or compression). */
  static <T> T await(Future<T> running, String what) throws IOException {
    try {
      return running.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + what, e);
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    }
  }

  /** Waits for all jobs; the first failure is thrown as itself. */
  static void joinAll(List<? extends CompletableFuture<?>> jobs) throws IOException {
    try {
      CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw unwrap(e.getCause());
    }
  }

  private static IOException unwrap(Throwable cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException re) {
      throw re;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IOException(cause);
  }
}
