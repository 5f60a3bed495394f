package io.kubefile.lang.instructions;

/** {@code USER user[:group]}, raw. */
public record UserInstruction(SourceSpan span, String original, String user) implements Instruction {}
