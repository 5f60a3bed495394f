package io.kubefile.lang.instructions;

import java.util.List;

/**
 * {@code ADD [--chown --chmod --checksum --keep-git-dir --link --exclude... --unpack] src... dest}.
 *
 * @param chown the {@code --chown} value, or null
 * @param chmod the {@code --chmod} value, or null
 * @param checksum the {@code --checksum} value, or null
 * @param unpack the {@code --unpack} value, or null when not given (buildkit's default applies)
 */
public record AddInstruction(
    SourceSpan span,
    String original,
    List<String> sources,
    String destination,
    List<HeredocSource> heredocSources,
    boolean json,
    String chown,
    String chmod,
    String checksum,
    boolean keepGitDir,
    boolean link,
    List<String> excludes,
    Boolean unpack)
    implements Instruction {
  public AddInstruction {
    sources = List.copyOf(sources);
    heredocSources = List.copyOf(heredocSources);
    excludes = List.copyOf(excludes);
  }
}
