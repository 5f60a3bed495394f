package io.kubefile.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A cluster host that is this machine (R8): commands run through the local {@code /bin/bash -c},
 * files are written directly, no SSH and no sudo (as sealos: the user running Kubefile is the one
 * that acts). Output is prefixed like every other host's, so logs read the same.
 */
final class LocalHost extends StreamingHost {
  private final HostAddress address;

  LocalHost(HostAddress address) {
    this.address = address;
  }

  @Override
  public HostAddress address() {
    return address;
  }

  @Override
  int execute(String command, OutputStream stdout, OutputStream stderr, Duration limit) {
    ProcessBuilder builder = new ProcessBuilder("/bin/bash", "-c", command)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    boolean merged = stderr == stdout;
    builder.redirectErrorStream(merged);
    try {
      Process process = builder.start();
      CompletableFuture<Void> errors = merged
          ? CompletableFuture.completedFuture(null)
          : CompletableFuture.runAsync(() -> pump(process.getErrorStream(), stderr));
      CompletableFuture<Void> output = CompletableFuture.runAsync(() -> pump(process.getInputStream(), stdout));
      if (limit == null || limit.isZero()) {
        process.waitFor();
      } else if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        stop(process);
        throw new CommandTimedOutException(address, "a command", limit);
      }
      output.join();
      errors.join();
      return process.exitValue();
    } catch (IOException e) {
      throw new HostException("running a command on " + address + " (local) failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostException("interrupted while running a command on " + address, e);
    }
  }

  /**
   * Kills the command and every process it started, the command first so it starts no more, and
   * waits (at most 10 s) until they are gone, so that "stopped" is true when reported.
   */
  private static void stop(Process process) throws InterruptedException {
    List<ProcessHandle> started = process.descendants().toList();
    process.destroyForcibly();
    started.forEach(ProcessHandle::destroyForcibly);
    List<CompletableFuture<ProcessHandle>> exits = new java.util.ArrayList<>();
    exits.add(process.toHandle().onExit());
    started.forEach(handle -> exits.add(handle.onExit()));
    try {
      CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // a process stuck in the kernel: it was killed, it will go when the kernel lets it
    }
  }

  private static void pump(InputStream in, OutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public FileTransfer transfer() {
    return new LocalFileTransfer();
  }

  @Override
  public void close() {}
}
