package io.kubefile.builder;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** A read-only tree that COPY takes files from: the build context or an earlier stage. */
public interface SourceTree {
  /** The entry at a clean relative path ("" is the root); symlinks are not followed. */
  Optional<FileNode> lookup(String path) throws IOException;

  /** The visible children of a directory, sorted by name. */
  List<FileNode> children(String directory) throws IOException;

  /**
   * The path a symlink named as a COPY source leads to, links on the way followed. In an image's file
   * system an absolute target is relative to its root and {@code ..} stops at the root; the build
   * context refuses links that lead out of it instead.
   */
  default String linkDestination(FileNode link) throws IOException {
    String target = link.linkTarget();
    return target.startsWith("/")
        ? PathNames.cleanRelative(target)
        : PathNames.cleanRelative(PathNames.join(PathNames.parent(link.path()), target));
  }

  /** Describes where a path was looked up, for error messages. */
  String describe();
}
