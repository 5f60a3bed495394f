package io.kubefile.context;

import io.kubefile.lang.go.GoText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Decides whether a context path is excluded by {@code .dockerignore} patterns, exactly as buildkit does
 * with moby/patternmatcher. There is no Java implementation of patternmatcher, so this is a port.
 *
 * <p>Patterns are applied in order and the last one that matches wins, so {@code !} lines re-include.
 * A pattern that matches a parent directory matches everything below it.
 *
 * <p>Immutable and thread-safe.
 */
public final class PatternMatcher {
  private final List<IgnorePattern> patterns;
  private final boolean exclusions;

  private PatternMatcher(List<IgnorePattern> patterns) {
    this.patterns = List.copyOf(patterns);
    this.exclusions = patterns.stream().anyMatch(IgnorePattern::isExclusion);
  }

  /**
   * patternmatcher's {@code New}: trims and cleans every pattern, drops blank ones, and checks the
   * {@code filepath.Match} syntax.
   *
   * @throws BadPatternException for a lone {@code !} or malformed syntax
   */
  public static PatternMatcher compile(List<String> patterns) {
    List<IgnorePattern> compiled = new ArrayList<>(patterns.size());
    for (String raw : patterns) {
      String p = GoText.trimSpace(raw);
      if (p.isEmpty()) {
        continue;
      }
      p = GoPath.clean(p);
      boolean exclusion = false;
      if (p.charAt(0) == '!') {
        if (p.length() == 1) {
          throw new BadPatternException("illegal exclusion pattern: \"!\"");
        }
        exclusion = true;
        p = p.substring(1);
      }
      GoFilepathMatch.matches(p, "."); // only for its syntax check, as patternmatcher does
      compiled.add(new IgnorePattern(p, exclusion));
    }
    return new PatternMatcher(compiled);
  }

  /** The compiled patterns in file order. */
  public List<IgnorePattern> patterns() {
    return patterns;
  }

  /** Whether any pattern is a {@code !} exception; if none is, an excluded directory can be skipped whole. */
  public boolean hasExclusions() {
    return exclusions;
  }

  /**
   * patternmatcher's {@code MatchesOrParentMatches}, the function buildkit uses: whether the
   * slash-separated {@code path} is excluded, because it or one of its parent directories matches the
   * last applicable pattern.
   *
   * @throws BadPatternException when a pattern that has to be evaluated has an invalid regex
   */
  public boolean matchesOrParentMatches(String path) {
    String[] parentDirs = parentDirs(path);
    return lastMatchExcludes(pattern -> {
      boolean match = pattern.matches(path);
      for (int i = 0; parentDirs != null && i < parentDirs.length && !match; i++) {
        match = matchesIgnoringErrors(pattern, joinFirst(parentDirs, i + 1));
      }
      return match;
    });
  }

  /**
   * patternmatcher's deprecated {@code Matches}: like {@link #matchesOrParentMatches} but only tries
   * the one parent directory that has as many components as the pattern. Kept because buildkit's
   * tests and older tools use it; buildkit itself uses {@link #matchesOrParentMatches}.
   */
  public boolean matchesSingleParentLevel(String path) {
    String[] parentDirs = parentDirs(path);
    return lastMatchExcludes(pattern -> pattern.matches(path)
        || (parentDirs != null && pattern.depth() <= parentDirs.length
            && matchesIgnoringErrors(pattern, joinFirst(parentDirs, pattern.depth()))));
  }

  /** patternmatcher's {@code MatchesExact}: no parent directory logic at all. */
  public boolean matchesExact(String path) {
    return lastMatchExcludes(pattern -> pattern.matches(path));
  }

  /**
   * The loop all of patternmatcher's matchers share: patterns apply in order and the last one that
   * {@code matches} decides. An inclusion cannot change an already excluded path, nor an exception
   * an included one, so those are not even tried (their errors never surface).
   */
  private boolean lastMatchExcludes(Predicate<IgnorePattern> matches) {
    boolean matched = false;
    for (IgnorePattern pattern : patterns) {
      if (pattern.isExclusion() == matched && matches.test(pattern)) {
        matched = !pattern.isExclusion();
      }
    }
    return matched;
  }

  /**
   * patternmatcher's package-level {@code MatchesOrParentMatches}: compiles {@code patterns}, cleans
   * {@code file}, and never excludes the context root {@code .}.
   */
  public static boolean matchesOrParentMatches(String file, List<String> patterns) {
    PatternMatcher matcher = compile(patterns);
    String cleaned = GoPath.clean(file);
    return !cleaned.equals(".") && matcher.matchesOrParentMatches(cleaned);
  }

  /** patternmatcher's deprecated package-level {@code Matches}; see {@link #matchesSingleParentLevel}. */
  public static boolean matchesSingleParentLevel(String file, List<String> patterns) {
    PatternMatcher matcher = compile(patterns);
    String cleaned = GoPath.clean(file);
    return !cleaned.equals(".") && matcher.matchesSingleParentLevel(cleaned);
  }

  /** The components of the parent directory, or null when the path has none (Go: Dir is "."). */
  private static String[] parentDirs(String path) {
    String parent = GoPath.dir(path);
    return parent.equals(".") ? null : parent.split("/", -1);
  }

  /** The first {@code count} components joined with {@code /}. */
  private static String joinFirst(String[] components, int count) {
    return String.join("/", Arrays.copyOfRange(components, 0, count));
  }

  /** Go discards errors from parent-directory matches. */
  private static boolean matchesIgnoringErrors(IgnorePattern pattern, String path) {
    try {
      return pattern.matches(path);
    } catch (BadPatternException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return patterns.toString();
  }
}
