package io.kubefile.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** patternmatcher behaviour beyond the conformance table, mostly where Go's and Java's regexes differ. */
class PatternMatcherTest {

  private static boolean excluded(String pattern, String path) {
    return PatternMatcher.compile(List.of(pattern)).matchesOrParentMatches(path);
  }

  @Test
  void aLoneBangIsIllegal() {
    assertThatThrownBy(() -> PatternMatcher.compile(List.of("a", "!")))
        .isInstanceOf(BadPatternException.class)
        .hasMessage("illegal exclusion pattern: \"!\"");
  }

  @Test
  void malformedSyntaxIsRejectedWhenCompiling() {
    assertThatThrownBy(() -> PatternMatcher.compile(List.of("a[")))
        .isInstanceOf(BadPatternException.class);
  }

  @Test
  void patternsAreTrimmedAndCleaned() {
    assertThat(excluded("  ./a//b/../c  ", "a/c")).isTrue();
  }

  @Test
  void aMatchingParentExcludesEverythingBelowIt() {
    assertThat(excluded("build", "build/out/app.jar")).isTrue();
    assertThat(excluded("*/tmp", "x/tmp/a/b")).isTrue();
    assertThat(excluded("build", "src/build")).isFalse();
  }

  @Test
  void starAndQuestionMarkDoNotCrossDirectories() {
    assertThat(excluded("*.md", "README.md")).isTrue();
    assertThat(excluded("*.md", "docs/x.md")).isFalse();
    assertThat(excluded("**/*.md", "docs/x.md")).isTrue();
    assertThat(excluded("a?c", "a/c")).isFalse();
  }

  @Test
  void dollarMeansEndOfTextEvenBeforeANewline() {
    // Java's "$" would also match before a final "\n"; Go's does not.
    assertThat(excluded("a*", "ab\n")).isTrue();
    assertThat(excluded("a[b]", "ab\n")).isFalse();
    assertThat(excluded("a?", "a\n")).isTrue(); // "?" is [^/], which does match a newline
  }

  @Test
  void escapedLettersFollowGoRegexRulesNotJavaOnes() {
    assertThat(excluded("a\\tb", "a\tb")).isTrue(); // \t is a tab, as in Go
    assertThat(excluded("a\\vb", "a\u000Bb")).isTrue(); // Java would read \v as a class
    assertThatThrownBy(() -> excluded("a\\eb", "a\u001Bb")) // Go has no \e
        .isInstanceOf(BadPatternException.class);
  }

  @Test
  void classesFollowGoRegexRules() {
    assertThat(excluded("[[:digit:]]x", "7x")).isTrue();
    assertThat(excluded("[a&&b]", "&")).isTrue(); // no Java intersection
    // "?" inside a class becomes "[^/]" in the regex, which Go reads as the class {'[', '^', '/'} and "]".
    assertThat(excluded("[?]", "^]")).isTrue();
    assertThat(excluded("[?]", "?")).isFalse();
  }

  @Test
  void exceptionsReincludeAndLaterPatternsWin() {
    PatternMatcher m = PatternMatcher.compile(List.of("*.log", "!keep.log", "keep.log"));
    assertThat(m.matchesOrParentMatches("keep.log")).isTrue();
    PatternMatcher m2 = PatternMatcher.compile(List.of("*.log", "!keep.log"));
    assertThat(m2.matchesOrParentMatches("keep.log")).isFalse();
    assertThat(m2.matchesOrParentMatches("other.log")).isTrue();
    assertThat(m2.hasExclusions()).isTrue();
  }

  @Test
  void theContextRootIsNeverExcluded() {
    assertThat(PatternMatcher.matchesOrParentMatches(".", List.of("**"))).isFalse();
    assertThat(PatternMatcher.matchesOrParentMatches("./", List.of("*"))).isFalse();
  }

  @Test
  void singleParentLevelOnlyTriesTheParentAsDeepAsThePattern() {
    PatternMatcher m = PatternMatcher.compile(List.of("a/b"));
    assertThat(m.matchesSingleParentLevel("a/b/c/d")).isTrue();
    PatternMatcher star = PatternMatcher.compile(List.of("*"));
    assertThat(star.matchesOrParentMatches("a/b/c")).isTrue();
    assertThat(star.matchesExact("a/b")).isFalse();
  }
}
