package io.kubefile.copy;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.transport.ArchiveContents;
import io.kubefile.transport.ArchiveFile;
import io.kubefile.transport.ArchiveReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An image archive unpacked once into a private work directory, so every blob can be served as a
 * plain file (linked into the destination, never re-read from the tar). {@link ArchiveReader} hashes
 * every entry on the way and refuses entries escaping the archive; the directory is deleted on
 * {@link #close()}.
 */
final class ExtractedArchive implements AutoCloseable {
  private final Path archive;
  private final Path workDirectory;
  private ArchiveContents contents;

  ExtractedArchive(Path archive, Path workDirectory) {
    this.archive = archive;
    this.workDirectory = workDirectory;
  }

  Path archive() {
    return archive;
  }

  synchronized ArchiveContents contents() throws IOException {
    if (contents == null) {
      if (!Files.isRegularFile(archive)) {
        throw new IOException("no such archive: " + archive);
      }
      contents = ArchiveReader.extract(archive, workDirectory);
    }
    return contents;
  }

  /** The entry, or an error naming the archive. */
  ArchiveFile require(String path) throws IOException {
    return contents().find(path).orElseThrow(() -> new IOException("archive " + archive + " lacks " + path));
  }

  /** The extracted file of an entry whose content must have {@code expected} as digest and size. */
  Path verifiedFile(String path, Descriptor expected) throws IOException {
    ArchiveFile file = require(path);
    Digest digest = expected.digest();
    if (!file.digest().equals(digest) || (expected.size() >= 0 && file.size() != expected.size())) {
      throw new IOException("archive " + archive + ": entry " + path + " should be " + digest + " (" + expected.size()
          + " bytes) but is " + file.digest() + " (" + file.size() + " bytes)");
    }
    return file.file();
  }

  @Override
  public synchronized void close() throws IOException {
    if (!Files.exists(workDirectory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(workDirectory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
