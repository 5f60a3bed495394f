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

  /** Describes where a path was looked up, for error messages. */
  String describe();
}
