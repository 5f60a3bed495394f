package io.kubefile.lang.instructions;

import java.util.List;

/** {@code VOLUME path ...} or {@code VOLUME ["path"]}; paths raw, trimmed. */
public record VolumeInstruction(SourceSpan span, String original, List<String> volumes) implements Instruction {
  public VolumeInstruction {
    volumes = List.copyOf(volumes);
  }
}
