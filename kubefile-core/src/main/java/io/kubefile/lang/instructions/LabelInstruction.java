package io.kubefile.lang.instructions;

import java.util.List;

/** {@code LABEL key=value ...}; keys and values raw. */
public record LabelInstruction(SourceSpan span, String original, List<KeyValue> pairs) implements Instruction {
  public LabelInstruction {
    pairs = List.copyOf(pairs);
  }
}
