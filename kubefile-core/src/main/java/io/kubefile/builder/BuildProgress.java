package io.kubefile.builder;

import io.kubefile.lang.instructions.Instruction;
import java.util.List;

/**
 * What a build is doing, for a user interface to show: each instruction as it is applied and the
 * commit at the end. The CLI prints these in buildah's shape ({@code STEP n/m: ...}, {@code COMMIT
 * name}); the library itself prints nothing. Calls come from the building thread, in order.
 */
public interface BuildProgress {
  /** Shows nothing. */
  BuildProgress NONE = new BuildProgress() {};

  /** An instruction (the stage's FROM included) is about to be applied. */
  default void step(Step step) {}

  /** The image of stage {@code stage} (1-based, of {@code stages}) is about to be written under {@code names}. */
  default void committing(int stage, int stages, List<String> names) {}

  /**
   * One instruction's place in the build.
   *
   * @param stage 1-based stage number
   * @param stages how many stages the Kubefile has
   * @param step 1-based position of the instruction in its stage, the FROM being 1
   * @param steps how many instructions the stage has, its FROM included
   * @param instruction the instruction as written
   */
  record Step(int stage, int stages, int step, int steps, Instruction instruction) {}
}
