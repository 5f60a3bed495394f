package io.kubefile.distribution;

import io.kubefile.files.AtomicFiles;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Fetches blobs for many callers at once without fetching any digest twice: a caller asking for a
 * digest that is already downloading waits for that download and gets its result (a copy, if it
 * wanted the blob at another path). A target that already exists with the right size is trusted
 * and skipped — the target is only ever written by a verified atomic rename. Thread-safe.
 */
public final class BlobFetcher {
  private final RegistryClient client;
  private final ConcurrentHashMap<Digest, CompletableFuture<Path>> inFlight = new ConcurrentHashMap<>();

  public BlobFetcher(RegistryClient client) {
    this.client = client;
  }

  /** Makes {@code target} hold {@code blob}; returns true if this call downloaded it. */
  public boolean fetch(Repository repository, Descriptor blob, Path target) throws IOException {
    if (isPresent(target, blob)) {
      return false;
    }
    CompletableFuture<Path> mine = new CompletableFuture<>();
    CompletableFuture<Path> running = inFlight.putIfAbsent(blob.digest(), mine);
    if (running != null) {
      Path downloaded = await(running);
      if (!downloaded.equals(target) && !isPresent(target, blob)) {
        copyAtomically(downloaded, target);
      }
      return false;
    }
    try {
      if (isPresent(target, blob)) { // finished by another caller between our checks
        mine.complete(target);
        return false;
      }
      client.fetchBlob(repository, blob, target);
      mine.complete(target);
      return true;
    } catch (IOException | RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(blob.digest(), mine);
    }
  }

  private static boolean isPresent(Path target, Descriptor blob) throws IOException {
    return Files.isRegularFile(target) && Files.size(target) == blob.size();
  }

  private static Path await(CompletableFuture<Path> running) throws IOException {
    try {
      return running.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for another download");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new UncheckedIOException(new IOException(cause));
    }
  }

  private static void copyAtomically(Path source, Path target) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temp = Files.createTempFile(directory, "." + target.getFileName() + ".", ".partial");
    try {
      Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
      AtomicFiles.replace(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
