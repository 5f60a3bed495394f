package io.kubefile.image.access;

import java.io.IOException;
import java.util.Optional;

/**
 * An image read straight from an archive file ({@code docker-archive}, {@code oci-archive}) without
 * importing it into the local store. Holds a work directory until closed.
 */
public interface ArchiveSource extends CopySource, AutoCloseable {
  /** The full name the archive records for the selected image, when it records one. */
  Optional<String> embeddedName() throws IOException;

  @Override
  void close() throws IOException;
}
