package io.kubefile.copy;

import io.kubefile.files.AtomicFiles;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.CopySink;
import io.kubefile.store.StoreException;
import io.kubefile.transport.ArchiveFormat;
import io.kubefile.transport.TarWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An archive file ({@code oci-archive}, {@code docker-archive}) being written by copies: each image
 * goes in through {@link #image(List)}, a {@link CopySink} of the one copier, and {@link #finish()}
 * writes the tar. Blobs are not copied while the images arrive: the sink keeps the verified files
 * the copier hands it (store blobs, held by the caller's store lease, or files of a local source),
 * and the tar is streamed from them at the end in a fixed order, so the archive does not depend on
 * which parallel transfer finished first and no blob is held in memory. The tar is written to a
 * temporary file next to the target and renamed into place: a failure leaves no archive behind.
 */
public abstract sealed class ArchiveSink implements AutoCloseable permits OciArchiveSink, DockerArchiveSink {
  private final Path target;
  private final Map<Digest, Path> blobs = new ConcurrentHashMap<>();
  private final List<Path> temporaries = Collections.synchronizedList(new ArrayList<>());

  ArchiveSink(Path target) {
    this.target = target;
  }

  /** A new, empty archive to be written at {@code target} (replaced only by {@link #finish()}). */
  public static ArchiveSink create(ArchiveFormat format, Path target) {
    return switch (format) {
      case OCI_ARCHIVE -> new OciArchiveSink(target);
      case DOCKER_ARCHIVE -> new DockerArchiveSink(target);
    };
  }

  public abstract ArchiveFormat format();

  /** The sink for one image, recorded under {@code names} (normalized full names; none leaves it unnamed). */
  public CopySink image(List<String> names) {
    List<String> entryNames = names.stream().map(ArchiveEntries::entryName).distinct().toList();
    return new CopySink() {
      @Override
      public boolean hasBlob(Descriptor blob) {
        return blobs.containsKey(blob.digest());
      }

      @Override
      public void putBlob(Descriptor blob, Path file, boolean owned) throws IOException {
        Path kept = file;
        if (owned) { // ours to keep until the tar is written
          kept = temporaryFile();
          Files.move(file, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        blobs.putIfAbsent(blob.digest(), kept);
      }

      @Override
      public void putManifest(RawManifest manifest) throws IOException {
        ArchiveSink.this.putManifest(manifest);
      }

      @Override
      public void commit(RawManifest root) throws IOException {
        ArchiveSink.this.commit(root, entryNames);
      }

      @Override
      public boolean requiresOciMediaTypes() {
        return format() == ArchiveFormat.OCI_ARCHIVE;
      }

      @Override
      public boolean holdsIndexes() {
        return format() == ArchiveFormat.OCI_ARCHIVE;
      }

      @Override
      public String describe() {
        return ArchiveSink.this.describe();
      }
    };
  }

  /** Writes the archive and renames it into place. */
  public void finish() throws IOException {
    AtomicFiles.write(target, out -> {
      try (TarWriter tar = new TarWriter(out)) {
        writeTo(tar);
      }
    });
  }

  /** Deletes the sink's temporary files (the archive itself stays, once finished). */
  @Override
  public void close() {
    temporaries.forEach(AtomicFiles::deleteQuietly);
  }

  public String describe() {
    return format().transport() + ":" + target;
  }

  abstract void putManifest(RawManifest manifest) throws IOException;

  abstract void commit(RawManifest root, List<String> names) throws IOException;

  abstract void writeTo(TarWriter tar) throws IOException;

  /** The file of a blob an image put into the sink. */
  Path blob(Digest digest) {
    Path file = blobs.get(digest);
    if (file == null) {
      throw new StoreException(describe() + ": blob " + digest + " was never copied into the archive");
    }
    return file;
  }

  /** A temporary file next to the archive, deleted on {@link #close()}. */
  Path temporaryFile() throws IOException {
    Path temporary = AtomicFiles.temporarySibling(target);
    temporaries.add(temporary);
    return temporary;
  }
}
