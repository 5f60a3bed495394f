package io.kubefile.lang.instructions;

/**
 * {@code FROM [--platform=p] image [AS name]}.
 *
 * @param baseName the image reference, raw (may contain variables)
 * @param stageName the lowercased stage name, or null
 * @param platform the raw {@code --platform} value, or null
 */
public record FromInstruction(SourceSpan span, String original, String baseName, String stageName, String platform)
    implements Instruction {}
