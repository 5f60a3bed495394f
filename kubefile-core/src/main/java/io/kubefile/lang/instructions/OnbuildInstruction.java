package io.kubefile.lang.instructions;

/**
 * {@code ONBUILD instruction}: the trigger is kept as raw text (buildkit's {@code Expression}),
 * with heredoc bodies re-attached, for the image config.
 */
public record OnbuildInstruction(SourceSpan span, String original, String expression) implements Instruction {}
