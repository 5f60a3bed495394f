package io.kubefile.context;

import java.nio.file.Path;

/**
 * A file system entry in a build context.
 *
 * @param path slash-separated path relative to the context root, e.g. {@code manifests/app.yaml}
 * @param absolutePath where it is on disk
 * @param kind what it is; symbolic links are reported as links, never followed
 */
public record ContextEntry(String path, Path absolutePath, Kind kind) {

  public enum Kind {
    FILE,
    DIRECTORY,
    SYMLINK,
    /** Sockets, devices, FIFOs: present on disk, but nothing a build can copy. */
    OTHER
  }
}
