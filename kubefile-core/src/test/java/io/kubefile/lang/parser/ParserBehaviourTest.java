package io.kubefile.lang.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** buildkit parser rules that have no fixture file. */
class ParserBehaviourTest {
  private static ParseResult parse(String text) throws ParseException {
    return Parser.parse(text.getBytes(StandardCharsets.UTF_8), "Kubefile");
  }

  private static String dump(String text) throws ParseException {
    return parse(text).dump();
  }

  @Test
  void aByteOrderMarkIsIgnored() throws Exception {
    assertThat(dump("\uFEFFFROM scratch\n")).isEqualTo("(from \"scratch\")\n");
  }

  @Test
  void invalidUtf8IsKeptAndDumpedAsHexEscapes() throws Exception {
    byte[] file = {'R', 'U', 'N', ' ', 'a', (byte) 0xC3, ' ', (byte) 0xFF, '\n'};
    assertThat(Parser.parse(file, "Kubefile").dump()).isEqualTo("(run \"a\\xc3 \\xff\")\n");
  }

  @Test
  void nonPrintableRunesUseGoQuoting() throws Exception {
    assertThat(dump("RUN a\u00a0b\u0007\u007f\uD83D\uDE00\u200b\n"))
        .isEqualTo("(run \"a\\u00a0b\\a\\x7f\uD83D\uDE00\\u200b\")\n");
  }

  @Test
  void directivesAreRecordedAndSetTheEscapeToken() throws Exception {
    ParseResult result = parse("# syntax=docker/dockerfile:1\n# escape=`\nRUN a `\n  b\n");
    assertThat(result.escapeToken()).isEqualTo('`');
    assertThat(result.directives()).containsExactly(
        new Directive("syntax", "docker/dockerfile:1", 1), new Directive("escape", "`", 2));
    assertThat(result.dump()).isEqualTo("(run \"a   b\")\n");
  }

  @Test
  void aRepeatedDirectiveIsAnError() {
    assertThatThrownBy(() -> parse("# escape=\\\n# escape=`\nFROM x\n"))
        .isInstanceOf(ParseException.class)
        .hasMessage("Kubefile:2: only one escape parser directive can be used");
  }

  @Test
  void anInvalidEscapeIsAnError() {
    assertThatThrownBy(() -> parse("# escape=x\nFROM x\n"))
        .hasMessage("Kubefile:1: invalid escape token 'x' does not match ` or \\");
  }

  @Test
  void directivesAfterAnInstructionAreComments() throws Exception {
    ParseResult result = parse("FROM x\n# escape=`\n");
    assertThat(result.escapeToken()).isEqualTo('\\');
    assertThat(result.directives()).isEmpty();
  }

  @Test
  void anEmptyFileOrOnlyCommentsHasNoInstructions() {
    assertThatThrownBy(() -> parse("")).hasMessage("Kubefile:1: file with no instructions");
    assertThatThrownBy(() -> parse("# a\n\n# b\n")).hasMessage("Kubefile:3: file with no instructions");
  }

  @Test
  void linesOf64KibOrMoreAreRejected() {
    String longLine = "RUN " + "x".repeat(Parser.MAX_LINE_BYTES);
    assertThatThrownBy(() -> parse("FROM x\n" + longLine + "\n"))
        .hasMessage("Kubefile:2: dockerfile line greater than max allowed size of 65535");
  }

  @Test
  void crlfLineEndingsAreRemoved() throws Exception {
    assertThat(dump("FROM x\r\nRUN a \\\r\n b\r\n")).isEqualTo("(from \"x\")\n(run \"a  b\")\n");
  }

  @Test
  void keywordsAreCaseInsensitiveButKeptAsWritten() throws Exception {
    Node node = parse("fRoM x\n").ast().children().get(0);
    assertThat(node.value()).isEqualTo("fRoM");
    assertThat(node.keyword()).isEqualTo("from");
  }

  @Test
  void nameValueWordsWithoutEqualsAreAnError() {
    assertThatThrownBy(() -> parse("LABEL a=b c\n"))
        .hasMessage("Kubefile:1: Syntax error - can't find = in \"c\". Must be of the form: name=value");
  }

  @Test
  void jsonThatDoesNotFitAFloatFallsBackToShellForm() throws Exception {
    assertThat(dump("CMD [1e999]\n")).isEqualTo("(cmd \"[1e999]\")\n");
  }

  @Test
  void onbuildWrapsASubInstruction() throws Exception {
    assertThat(dump("ONBUILD COPY --from=x a /b\nONBUILD\n"))
        .isEqualTo("(onbuild (copy [\"--from=x\"] \"a\" \"/b\"))\n(onbuild)\n");
  }

  @Test
  void aContinuationLineMadeOnlyOfTheEscapeContributesNothing() throws Exception {
    assertThat(dump("ENV E hello\\\n\\\nworld\n")).isEqualTo("(env \"E\" \"helloworld\" \"\")\n");
  }
}
