package io.kubefile.lang.instructions;

/** {@code STOPSIGNAL signal}, raw. */
public record StopSignalInstruction(SourceSpan span, String original, String signal) implements Instruction {
  @Override
  public String keyword() {
    return "STOPSIGNAL";
  }
}
