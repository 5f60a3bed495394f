package io.kubefile.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ignore patterns in force for one build context, and the file they came from.
 *
 * <p>The file is chosen like buildkit does, extended for Podman users: {@code <instruction-file>.dockerignore}
 * next to the Kubefile first (so several Kubefiles can share a context with different rules), then
 * {@code .dockerignore} at the context root, then {@code .containerignore}. Only the first file found is
 * used.
 */
public final class IgnoreRules {
  private static final IgnoreRules NONE = new IgnoreRules(Optional.empty(), List.of(), PatternMatcher.compile(List.of()));

  private final Optional<Path> source;
  private final List<String> patterns;
  private final PatternMatcher matcher;

  private IgnoreRules(Optional<Path> source, List<String> patterns, PatternMatcher matcher) {
    this.source = source;
    this.patterns = List.copyOf(patterns);
    this.matcher = matcher;
  }

  /** No ignore file: nothing is excluded. */
  public static IgnoreRules none() {
    return NONE;
  }

  /**
   * Rules from patterns already read (for tests and callers with their own source).
   *
   * @throws BadPatternException for a lone {@code !} or malformed syntax
   */
  public static IgnoreRules of(List<String> patterns) {
    return new IgnoreRules(Optional.empty(), patterns, PatternMatcher.compile(patterns));
  }

  /**
   * The rules for {@code contextDir}.
   *
   * @param instructionFileName the Kubefile's name or path, relative to {@code contextDir} unless absolute;
   *     null when there is none
   * @throws IOException when the chosen ignore file cannot be read
   * @throws BadPatternException when it contains a lone {@code !} or a malformed pattern
   */
  public static IgnoreRules forContext(Path contextDir, String instructionFileName) throws IOException {
    for (Path candidate : candidates(contextDir, instructionFileName)) {
      if (Files.isRegularFile(candidate)) {
        List<String> patterns = IgnoreFile.read(candidate);
        PatternMatcher matcher;
        try {
          matcher = PatternMatcher.compile(patterns);
        } catch (BadPatternException e) {
          throw new BadPatternException(candidate + ": " + e.getMessage());
        }
        return new IgnoreRules(Optional.of(candidate), patterns, matcher);
      }
    }
    return NONE;
  }

  /** The files {@link #forContext} looks for, in order of precedence. */
  public static List<Path> candidates(Path contextDir, String instructionFileName) {
    List<Path> candidates = new ArrayList<>(3);
    if (instructionFileName != null && !instructionFileName.isEmpty()) {
      candidates.add(contextDir.resolve(instructionFileName + ".dockerignore"));
    }
    candidates.add(contextDir.resolve(".dockerignore"));
    candidates.add(contextDir.resolve(".containerignore"));
    return candidates;
  }

  /** The file the rules were read from, if any. */
  public Optional<Path> source() {
    return source;
  }

  /** The patterns as read ({@link IgnoreFile} form, in file order). */
  public List<String> patterns() {
    return patterns;
  }

  public PatternMatcher matcher() {
    return matcher;
  }

  /**
   * Whether the slash-separated path (relative to the context root) is excluded. The root itself never
   * is.
   */
  public boolean isExcluded(String relativePath) {
    String cleaned = GoPath.clean(relativePath);
    return !cleaned.equals(".") && matcher.matchesOrParentMatches(cleaned);
  }

  @Override
  public String toString() {
    return source.map(Path::toString).orElse("(no ignore file)") + " " + patterns;
  }
}
