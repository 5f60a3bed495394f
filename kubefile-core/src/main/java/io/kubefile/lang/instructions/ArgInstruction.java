package io.kubefile.lang.instructions;

import java.util.List;

/** {@code ARG name[=default] ...}. */
public record ArgInstruction(SourceSpan span, String original, List<ArgDefinition> args) implements Instruction {
  public ArgInstruction {
    args = List.copyOf(args);
  }
}
