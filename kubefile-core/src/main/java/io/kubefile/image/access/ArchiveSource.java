package io.kubefile.image.access;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One image read straight from an archive file ({@code docker-archive}, {@code oci-archive})
 * without importing it. Closing it releases the archive when the source opened it itself.
 */
public interface ArchiveSource extends CopySource, AutoCloseable {
  /** The full names the archive records for this image (maybe none), normalized. */
  List<String> names() throws IOException;

  /** The first name the archive records for this image, when it records one. */
  default Optional<String> embeddedName() throws IOException {
    return names().stream().findFirst();
  }

  @Override
  void close() throws IOException;
}
