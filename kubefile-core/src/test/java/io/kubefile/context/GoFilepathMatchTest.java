package io.kubefile.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's {@code filepath.Match} on Linux, case by case (the table from Go's match_test.go). */
class GoFilepathMatchTest {

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      abc            | abc            | true
      *              | abc            | true
      *c             | abc            | true
      a*             | a              | true
      a*             | abc            | true
      a*             | ab/c           | false
      a*/b           | abc/b          | true
      a*/b           | a/c/b          | false
      a*b*c*d*e*/f   | axbxcxdxe/f    | true
      a*b*c*d*e*/f   | axbxcxdxexxx/f | true
      a*b*c*d*e*/f   | axbxcxdxe/xxx/f | false
      a*b*c*d*e*/f   | axbxcxdxexxx/fff | false
      a*b?c*x        | abxbbxdbxebxczzx | true
      a*b?c*x        | abxbbxdbxebxczzy | false
      ab[c]          | abc            | true
      ab[b-d]        | abc            | true
      ab[e-g]        | abc            | false
      ab[^c]         | abc            | false
      ab[^b-d]       | abc            | false
      ab[^e-g]       | abc            | true
      a\\*b          | a*b            | true
      a\\*b          | ab             | false
      a?b            | a☺b            | true
      a[^a]b         | a☺b            | true
      a???b          | a☺b            | false
      a[^a][^a][^a]b | a☺b            | false
      [a-ζ]*         | α              | true
      *[a-ζ]         | A              | false
      a?b            | a/b            | false
      a*b            | a/b            | false
      [\\]a]         | ]              | true
      [\\-]          | -              | true
      [x\\-]         | x              | true
      [x\\-]         | -              | true
      [x\\-]         | z              | false
      [\\-x]         | x              | true
      [\\-x]         | -              | true
      [\\-x]         | a              | false
      *x             | xxx            | true
      a*?            | a☺             | true
      """)
  void matches(String pattern, String name, boolean expected) {
    assertThat(GoFilepathMatch.matches(unescapeCsv(pattern), name)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} vs {1} is a bad pattern")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      []a]     | ]
      [-]      | -
      [x-]     | x
      [x-]     | z
      [-x]     | x
      \\       | a
      [a-b-c]  | a
      [        | a
      [^       | a
      [^bc     | a
      a[       | a
      a[       | ab
      *a[      | xyz
      a[b      | x
      """)
  void reportsMalformedPatternsEvenWhenTheNameFailsEarly(String pattern, String name) {
    assertThatThrownBy(() -> GoFilepathMatch.matches(unescapeCsv(pattern), name))
        .isInstanceOf(BadPatternException.class)
        .hasMessage("syntax error in pattern");
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      *??  | ☺ | true
      ???  | ☺ | false
      """)
  void worksOnBytesLikeGoSoAStarCanSplitACharacter(String pattern, String name, boolean expected) {
    assertThat(GoFilepathMatch.matches(pattern, name)).isEqualTo(expected);
  }

  /** CSV text blocks keep backslashes literally; "\\" in the table means one backslash. */
  private static String unescapeCsv(String s) {
    return s.replace("\\\\", "\\");
  }
}
