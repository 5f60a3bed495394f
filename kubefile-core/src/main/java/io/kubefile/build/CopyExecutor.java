package io.kubefile.build;

import java.io.IOException;

/** Carries out an expanded COPY/ADD against a stage: writes its layer and updates the snapshot. */
@FunctionalInterface
interface CopyExecutor {
  void execute(ExpandedCopy copy, StageState stage) throws IOException;
}
