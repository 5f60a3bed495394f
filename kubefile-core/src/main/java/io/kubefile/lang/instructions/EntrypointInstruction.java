package io.kubefile.lang.instructions;

/** {@code ENTRYPOINT ["exec", "form"]} or shell text; {@code ENTRYPOINT []} has no arguments. */
public record EntrypointInstruction(SourceSpan span, String original, CommandForm command) implements Instruction {}
