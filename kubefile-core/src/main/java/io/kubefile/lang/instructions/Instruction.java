package io.kubefile.lang.instructions;

/**
 * One typed Kubefile instruction. Every value is RAW, as written: variables are not expanded and
 * quotes not removed; the builder does that with the shell lexer and the stage's environment.
 */
public sealed interface Instruction
    permits FromInstruction, ArgInstruction, EnvInstruction, LabelInstruction, CopyInstruction,
        AddInstruction, RunInstruction, CmdInstruction, EntrypointInstruction, WorkdirInstruction,
        UserInstruction, ExposeInstruction, VolumeInstruction, StopSignalInstruction,
        ShellInstruction, HealthcheckInstruction, OnbuildInstruction, MaintainerInstruction {

  /** Where it was written. */
  SourceSpan span();

  /** The logical line as written, continuations joined (buildkit's {@code Original}). */
  String original();

  /** The canonical keyword, e.g. {@code COPY}. */
  default String keyword() {
    String simple = getClass().getSimpleName();
    return simple.substring(0, simple.length() - "Instruction".length()).toUpperCase(java.util.Locale.ROOT);
  }
}
