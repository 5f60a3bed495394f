package io.kubefile.builder;

import java.io.IOException;

/**
 * Carries out the instructions that change a stage's files: an expanded COPY/ADD, and the
 * directory WORKDIR creates. Each writes its layer and updates the snapshot.
 */
@FunctionalInterface
interface CopyExecutor {
  void execute(ExpandedCopy copy, StageState stage) throws IOException;

  /**
   * Creates WORKDIR's directory as buildkit's dispatchWorkdir does (mkdir -p, 0755, owned by the
   * current USER). Returns whether that added a layer; evaluating without files adds none.
   */
  default boolean createWorkdir(String directory, StageState stage) throws IOException {
    return false;
  }
}
