package io.kubefile.lang.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Go text/template semantics, with expectations taken from Go's behaviour. */
class GoTemplateTest {
  private static String render(String text, Object data) {
    return GoTemplate.parse("t", text).execute(data);
  }

  private static Map<String, Object> data() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", "kube");
    d.put("n", 3L);
    d.put("list", List.of("a", "b", "c"));
    d.put("map", Map.of("z", 1L, "a", "x"));
    return d;
  }

  @Test
  void fields_missing_keys_and_value_printing() {
    assertThat(render("{{.name}} {{.missing}} {{.map}} {{.list}} {{.n}}", data()))
        .isEqualTo("kube <no value> map[a:x z:1] [a b c] 3");
    assertThat(render("{{ .missing.deeper }}", data())).isEqualTo("<no value>");
  }

  @Test
  void control_structures_and_variables() {
    assertThat(render("{{range $i, $e := .list}}{{$i}}={{$e}};{{end}}", data())).isEqualTo("0=a;1=b;2=c;");
    assertThat(render("{{range .map}}{{.}},{{else}}none{{end}}", data())).isEqualTo("x,1,");
    assertThat(render("{{range .nothing}}x{{else}}none{{end}}", data())).isEqualTo("none");
    assertThat(render("{{if .missing}}y{{else if .name}}{{.name}}{{end}}", data())).isEqualTo("kube");
    assertThat(render("{{with .name}}<{{.}}>{{end}}{{with .missing}}x{{else with .n}}{{.}}{{end}}", data()))
        .isEqualTo("<kube>3");
    assertThat(render("{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}", data())).isEqualTo("2");
    assertThat(render("{{range $i := 3}}{{$i}}{{end}}", data())).isEqualTo("012");
    assertThat(render("{{range .list}}{{if eq . \"b\"}}{{break}}{{end}}{{.}}{{end}}", data())).isEqualTo("a");
    assertThat(render("{{define \"x\"}}[{{.}}]{{end}}{{template \"x\" .name}}{{block \"y\" .n}}({{.}}){{end}}",
        data())).isEqualTo("[kube](3)");
  }

  @Test
  void trim_markers_and_comments() {
    assertThat(render("a  {{- /* c */ -}}  b {{- 1 -}} \n c", data())).isEqualTo("ab1c");
  }

  @Test
  void builtins() {
    assertThat(render("{{index .list 1}} {{index .map \"a\"}} {{len .list}} {{slice .list 1 3}}", data()))
        .isEqualTo("b x 3 [b c]");
    assertThat(render("{{printf \"%05.1f|%-4s|%x|%q|%v|%d\" 3.14159 \"ab\" 255 \"q\" .list 7}}", data()))
        .isEqualTo("003.1|ab  |ff|\"q\"|[a b c]|7");
    assertThat(render("{{print 1 2 \"a\" 3}} {{and 1 0}} {{or 0 \"\" \"z\"}} {{not .missing}}", data()))
        .isEqualTo("1 2a3 0 z true");
    assertThat(render("{{lt 1 2}} {{eq .name \"kube\" \"x\"}} {{ne 1 1}} {{ge 2.5 2.5}}", data()))
        .isEqualTo("true true false true");
    assertThat(render("{{html \"<a&b>\"}} {{js \"it's\"}} {{urlquery \"a b&c\"}}", data()))
        .isEqualTo("&lt;a&amp;b&gt; it\\'s a+b%26c");
    assertThat(render("{{1e6}} {{0.5}} {{1.0}} {{'a'}} {{0x10}}", data())).isEqualTo("1e+06 0.5 1 97 16");
  }

  @Test
  void sprig_functions_sealos_uses() {
    assertThat(render("{{ default \"mongodb\" .NAMESPACE }} {{ default \"x\" .name | quote }}", data()))
        .isEqualTo("mongodb \"kube\"");
    assertThat(render("{{ .name | upper | repeat 2 }} {{ list 1 2 | toJson }} {{ dict \"b\" 1 \"a\" \"x\" | toYaml }}",
        data())).isEqualTo("KUBEKUBE [1,2] a: x\nb: 1");
    assertThat(render("{{ semverCompare \"^1.26.0\" \"v1.26.3\" }} {{ semverCompare \"^1.26.0\" \"v1.25.0\" }}", data()))
        .isEqualTo("true false");
    assertThat(render("{{ ipNet \"10.1.2.3/16\" }} {{ ipAt \"10.96.0.0/12\" 10 }}", data()))
        .isEqualTo("10.1.0.0/16 10.96.0.10");
    assertThat(render("{{ \"a\\nb\" | indent 2 }}|{{ \"x\" | nindent 1 }}", data())).isEqualTo("  a\n  b|\n x");
  }

  @Test
  void semver_errors_are_those_of_the_masterminds_semver_sealos_builds_with() {
    // sealos: Masterminds/semver v3.2.1 (newer versions, as in helm-java, lowercase and quote)
    assertThatThrownBy(() -> render("{{ semverCompare \"bad constraint!\" \"1.0.0\" }}", data()))
        .hasMessageEndingWith("error calling semverCompare: improper constraint: bad constraint!");
    assertThatThrownBy(() -> render("{{ semverCompare \"1.0.0\" \"not-a-version\" }}", data()))
        .hasMessageEndingWith("error calling semverCompare: Invalid Semantic Version");
  }

  @Test
  void parse_errors_are_gos() {
    assertThatThrownBy(() -> GoTemplate.parse("t", "line1\n{{ nope .x }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessage("template: t:2: function \"nope\" not defined");
    assertThatThrownBy(() -> GoTemplate.parse("t", "{{ $x }}"))
        .hasMessage("template: t:1: undefined variable \"$x\"");
    assertThatThrownBy(() -> GoTemplate.parse("t", "{{ if .x }}"))
        .hasMessage("template: t:1: unexpected EOF");
    assertThatThrownBy(() -> GoTemplate.parse("t", "{{ .x "))
        .hasMessage("template: t:1: unclosed action");
    assertThatThrownBy(() -> GoTemplate.parse("t", "{{ end }}"))
        .hasMessage("template: t:1: unexpected {{end}}");
    // sha512sum came with sprig v3.3.0; sealos links v3.2.3, so a template using it fails there too
    assertThatThrownBy(() -> GoTemplate.parse("etc/app.conf.tmpl", "a\nb\n{{ sha512sum \"x\" }}"))
        .hasMessage("template: etc/app.conf.tmpl:3: function \"sha512sum\" not defined");
  }

  @Test
  void execution_errors_are_gos() {
    assertThatThrownBy(() -> render("x\n  {{ .name.sub }}", data()))
        .hasMessage("template: t:2:10: executing \"t\" at <.name.sub>: can't evaluate field sub in type interface {}");
    assertThatThrownBy(() -> render("{{ index .list 5 }}", data()))
        .hasMessage("template: t:1:3: executing \"t\" at <index .list 5>: error calling index: index out of range: 5");
    assertThatThrownBy(() -> render("{{ upper .missing }}", data()))
        .hasMessage("template: t:1:9: executing \"t\" at <.missing>: invalid value; expected string");
  }

  @Test
  void deep_recursion_is_an_error_not_a_stack_overflow() {
    assertThatThrownBy(() -> render("{{define \"r\"}}{{template \"r\" .}}{{end}}{{template \"r\" .}}", data()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("exceeded maximum template depth (1000)");
    assertThatThrownBy(() -> GoTemplate.parse("t", "{{" + "(".repeat(5000) + "1" + ")".repeat(5000) + "}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessage("template: t:1: max expression depth exceeded");
  }
}
