package io.kubefile.lang.instructions;

import java.util.List;
import java.util.Optional;

/**
 * A build stage: its FROM and the instructions up to the next FROM.
 *
 * @param index 0-based position among the stages
 * @param from the stage's FROM (base image, optional name and platform)
 * @param instructions the instructions after the FROM, in order
 */
public record Stage(int index, FromInstruction from, List<Instruction> instructions) {
  public Stage {
    instructions = List.copyOf(instructions);
  }

  /** The lowercased {@code AS} name, or null. */
  public String name() {
    return from.stageName();
  }

  public Optional<String> nameIfAny() {
    return Optional.ofNullable(from.stageName());
  }

  /** The raw base image reference (or earlier stage name). */
  public String baseName() {
    return from.baseName();
  }
}
