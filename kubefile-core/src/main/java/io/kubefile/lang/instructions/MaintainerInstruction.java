package io.kubefile.lang.instructions;

/** {@code MAINTAINER name} (deprecated; becomes the image author). */
public record MaintainerInstruction(SourceSpan span, String original, String maintainer) implements Instruction {}
