package io.kubefile.lang.instructions;

import java.util.List;

/** {@code SHELL ["executable", "parameters"]}; must be JSON. */
public record ShellInstruction(SourceSpan span, String original, List<String> shell) implements Instruction {
  public ShellInstruction {
    shell = List.copyOf(shell);
  }
}
