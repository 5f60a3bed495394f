package io.kubefile.context;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any pattern either compiles and matches, or is rejected with a {@link BadPatternException}. */
class PatternMatcherProperties {

  @Provide
  Arbitrary<String> patternish() {
    return Arbitraries.strings().withChars("*?[]^-\\/!.ab:&$(){}+|dsvx0 ").ofMaxLength(16);
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.strings().withChars("ab/.-*?[]\n").ofMaxLength(12);
  }

  @Property(tries = 3000)
  void neverFailsWithAnInternalError(@ForAll("patternish") String pattern, @ForAll("paths") String path) {
    try {
      PatternMatcher matcher = PatternMatcher.compile(List.of(pattern));
      matcher.matchesOrParentMatches(path);
      matcher.matchesSingleParentLevel(path);
    } catch (BadPatternException expected) {
      // a malformed pattern is a user error, reported with a message
    }
    try {
      GoFilepathMatch.matches(pattern, path);
    } catch (BadPatternException expected) {
      // same
    }
  }
}
