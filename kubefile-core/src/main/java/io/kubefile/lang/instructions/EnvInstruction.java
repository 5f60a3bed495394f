package io.kubefile.lang.instructions;

import java.util.List;

/** {@code ENV key=value ...} or legacy {@code ENV key value}; values raw. */
public record EnvInstruction(SourceSpan span, String original, List<KeyValue> pairs) implements Instruction {
  public EnvInstruction {
    pairs = List.copyOf(pairs);
  }
}
