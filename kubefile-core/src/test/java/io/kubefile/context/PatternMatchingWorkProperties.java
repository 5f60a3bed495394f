package io.kubefile.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * A {@code .dockerignore} pattern is matched with work linear in the path: the matcher reads each
 * character of the path a bounded number of times, whatever the pattern. Work is counted as reads of
 * the path (not wall-clock time), so the bound is exact and machine-independent. The previous
 * matcher (the Go regex translated to {@code java.util.regex}, kept in the tests as
 * {@link GoRegexTranslator}) backtracks: it serves as the reference for what matches on inputs small
 * enough for it, and shows that the bound catches backtracking.
 */
@Tag("reliability")
class PatternMatchingWorkProperties {
  /** Reads allowed per path character: RE2's simulation reads each position once, plus look-ahead. */
  private static final int READS_PER_CHARACTER = 4;

  /** A path that counts how many characters were read from it. */
  static final class CountingText implements CharSequence {
    private final String text;
    private final long[] reads;

    CountingText(String text) {
      this(text, new long[1]);
    }

    private CountingText(String text, long[] reads) {
      this.text = text;
      this.reads = reads;
    }

    long reads() {
      return reads[0];
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      reads[0]++;
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new CountingText(text.substring(start, end), reads);
    }

    @Override
    public String toString() {
      reads[0] += text.length();
      return text;
    }
  }

  private static IgnorePattern pattern(String line) {
    return PatternMatcher.compile(List.of(line)).patterns().get(0);
  }

  private static long bound(String path) {
    return (long) READS_PER_CHARACTER * (path.length() + 1);
  }

  @Example
  void theReportedPatternOverLongNamesIsLinear() {
    IgnorePattern p = pattern("*a*a*a*a*a*a*a*a*a*a*b");
    for (int length = 1; length <= 200; length++) {
      String name = "a".repeat(length);
      CountingText text = new CountingText(name);
      assertThat(p.matches(text)).isFalse();
      assertThat(text.reads()).as("reads of a %d-character name", length).isLessThanOrEqualTo(bound(name));
    }
  }

  @Example
  void theBoundCatchesABacktrackingMatcher() {
    String name = "a".repeat(24);
    CountingText text = new CountingText(name);
    boolean matched = GoRegexTranslator.compile(pattern("*a*a*a*a*a*b").goRegex()).matcher(text).find();
    assertThat(matched).isFalse();
    assertThat(text.reads()).isGreaterThan(100 * bound(name));
  }

  @Provide
  Arbitrary<String> hostilePatterns() {
    Arbitrary<String> piece = Arbitraries.of("*", "**", "?", "a", "b", "a*", "*a", "/", "[ab]", "[^b]", "\\a", "**/");
    return piece.list().ofMinSize(1).ofMaxSize(14).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> longNames() {
    return Arbitraries.strings().withChars("aab/").ofMinLength(0).ofMaxLength(300);
  }

  @Provide
  Arbitrary<String> shortNames() {
    return Arbitraries.strings().withChars("aab/").ofMinLength(0).ofMaxLength(10);
  }

  @Property(tries = 400, seed = "20261202")
  void workIsLinearInThePathWhateverThePattern(@ForAll("hostilePatterns") String line,
      @ForAll("longNames") String name) {
    IgnorePattern p;
    try {
      p = pattern(line);
    } catch (BadPatternException malformed) {
      return;
    }
    CountingText text = new CountingText(name);
    try {
      p.matches(text);
    } catch (BadPatternException malformed) {
      return;
    }
    assertThat(text.reads()).isLessThanOrEqualTo(bound(name));
  }

  @Property(tries = 1500, seed = "20261202")
  void agreesWithTheBacktrackingReferenceOnSmallInputs(@ForAll("hostilePatterns") String line,
      @ForAll("shortNames") String name) {
    IgnorePattern p;
    try {
      p = pattern(line);
    } catch (BadPatternException malformed) {
      return;
    }
    if (p.matchType() != IgnorePattern.MatchType.REGEXP) {
      return;
    }
    Boolean reference;
    try {
      reference = GoRegexTranslator.compile(p.goRegex()).matcher(name).find();
    } catch (BadPatternException malformed) {
      reference = null;
    }
    Boolean actual;
    try {
      actual = p.matches(name);
    } catch (BadPatternException malformed) {
      actual = null;
    }
    assertThat(actual).as("%s vs %s", line, name).isEqualTo(reference);
  }
}
