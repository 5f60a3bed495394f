package io.kubefile.lang.instructions;

/** {@code CMD ["exec", "form"]} or {@code CMD shell text}; never expanded. */
public record CmdInstruction(SourceSpan span, String original, CommandForm command) implements Instruction {}
