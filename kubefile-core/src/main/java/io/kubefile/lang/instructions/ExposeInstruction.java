package io.kubefile.lang.instructions;

import java.util.List;

/** {@code EXPOSE port[/proto] ...}, raw and in written order (buildkit sorts after expansion). */
public record ExposeInstruction(SourceSpan span, String original, List<String> ports) implements Instruction {
  public ExposeInstruction {
    ports = List.copyOf(ports);
  }
}
