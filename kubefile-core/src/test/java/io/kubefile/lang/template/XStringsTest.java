package io.kubefile.lang.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The case conversions of huandu/xstrings v1.4.0, the version sealos links, on the examples that
 * version's own tests list (Helm links v1.5.0, whose camel case differs, so Helm cannot be the
 * oracle for {@code camelcase}).
 */
class XStringsTest {
  @Test
  void camel_case_joins_words_and_keeps_their_case() {
    Map<String, String> cases = Map.ofEntries(
        Map.entry("http_server", "HttpServer"), Map.entry("_camel_case", "_CamelCase"),
        Map.entry("no_https", "NoHttps"), Map.entry("_complex__case_", "_Complex_Case_"),
        Map.entry(" complex -case ", " Complex Case "), Map.entry("all", "All"),
        Map.entry("GOLANG_IS_GREAT", "GOLANGISGREAT"), Map.entry("GOLANG", "GOLANG"), Map.entry("a", "A"),
        Map.entry("好", "好"), Map.entry("FROM CamelCase to snake/kebab-case", "FROMCamelCaseToSnake/kebabCase"),
        Map.entry("", ""), Map.entry("_", "__"));
    cases.forEach((in, out) -> assertThat(XStrings.toCamelCase(in)).as(in).isEqualTo(out));
  }

  @Test
  void snake_and_kebab_case_split_words_acronyms_and_numbers() {
    Map<String, String> cases = Map.ofEntries(
        Map.entry("HTTPServer", "http_server"), Map.entry("_camelCase", "_camel_case"),
        Map.entry("NoHTTPS", "no_https"), Map.entry("Wi_thF", "wi_th_f"),
        Map.entry("_AnotherTES_TCaseP", "_another_tes_t_case_p"), Map.entry("ALL", "all"),
        Map.entry("_HELLO_WORLD_", "_hello_world_"), Map.entry("HELLO_WORLD", "hello_world"),
        Map.entry("HELLO____WORLD", "hello____world"), Map.entry("TW", "tw"), Map.entry("_C", "_c"),
        Map.entry("http2xx", "http_2xx"), Map.entry("HTTP2XX", "http2_xx"), Map.entry("HTTP20xOK", "http_20x_ok"),
        Map.entry("HTTP20xStatus", "http_20x_status"), Map.entry("HTTP-20xStatus", "http_20x_status"),
        Map.entry("a", "a"), Map.entry("Duration2m3s", "duration_2m3s"), Map.entry("Bld4Floor3rd", "bld4_floor_3rd"),
        Map.entry(" _-_ ", "_____"), Map.entry("a1b2c3d", "a_1b2c3d"), Map.entry("A//B%%2c", "a//b%%2c"),
        Map.entry("HTTP状态码404/502Error", "http_状态码404/502_error"), Map.entry("中文(字符)", "中文(字符)"),
        Map.entry("混合ABCWords与123数字456", "混合_abc_words_与123_数字456"),
        Map.entry("  sentence case  ", "__sentence_case__"),
        Map.entry(" Mixed-hyphen case _and SENTENCE_case and UPPER-case",
            "_mixed_hyphen_case__and_sentence_case_and_upper_case"),
        Map.entry("FROM CamelCase to snake/kebab-case", "from_camel_case_to_snake/kebab_case"), Map.entry("", ""),
        Map.entry("Abc\uFFFDE\uFFFDf\uFFFDd\uFFFD2\uFFFD00z\uFFFDZZ\uFFFDZZ",
            "abc_\uFFFDe\uFFFDf\uFFFDd_\uFFFD2\uFFFD00z_\uFFFDzz\uFFFDzz"),
        Map.entry("\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD", "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD"),
        Map.entry("abc_123_def", "abc_123_def"));
    cases.forEach((in, out) -> {
      assertThat(XStrings.toSnakeCase(in)).as(in).isEqualTo(out);
      assertThat(XStrings.toKebabCase(in)).as(in).isEqualTo(out.replace('_', '-'));
    });
  }
}
