package io.kubefile.lang.instructions;

import java.util.List;

/**
 * {@code COPY [--from --chown --chmod --link --exclude... --parents] src... dest}.
 *
 * @param sources the path sources (heredoc sources are in {@code heredocSources})
 * @param json whether the sources/dest were written as a JSON array
 * @param from the {@code --from} stage name, index or image, or null
 * @param chown the {@code --chown} value, or null
 * @param chmod the {@code --chmod} value, or null
 */
public record CopyInstruction(
    SourceSpan span,
    String original,
    List<String> sources,
    String destination,
    List<HeredocSource> heredocSources,
    boolean json,
    String from,
    String chown,
    String chmod,
    boolean link,
    List<String> excludes,
    boolean parents)
    implements Instruction {
  public CopyInstruction {
    sources = List.copyOf(sources);
    heredocSources = List.copyOf(heredocSources);
    excludes = List.copyOf(excludes);
  }
}
