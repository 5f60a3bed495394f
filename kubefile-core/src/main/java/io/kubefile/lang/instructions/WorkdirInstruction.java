package io.kubefile.lang.instructions;

/** {@code WORKDIR path}, raw. */
public record WorkdirInstruction(SourceSpan span, String original, String path) implements Instruction {}
