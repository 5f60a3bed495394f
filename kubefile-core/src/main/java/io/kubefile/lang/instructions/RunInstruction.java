package io.kubefile.lang.instructions;

import io.kubefile.lang.parser.Heredoc;
import java.util.List;

/**
 * {@code RUN [--mount=... --network=... --security=... --device=...] command}.
 *
 * @param mounts the raw {@code --mount} specs, in order (repeatable)
 * @param network {@code default}, {@code none} or {@code host}; null when not given
 * @param security {@code sandbox} or {@code insecure}; null when not given
 * @param devices the raw {@code --device} specs (repeatable)
 * @param heredocs inline files (e.g. {@code RUN <<EOF}), raw, in order
 */
public record RunInstruction(
    SourceSpan span,
    String original,
    CommandForm command,
    List<String> mounts,
    String network,
    String security,
    List<String> devices,
    List<Heredoc> heredocs)
    implements Instruction {
  public RunInstruction {
    mounts = List.copyOf(mounts);
    devices = List.copyOf(devices);
    heredocs = List.copyOf(heredocs);
  }
}
