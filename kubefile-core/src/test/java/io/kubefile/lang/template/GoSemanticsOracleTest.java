package io.kubefile.lang.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests of Go semantics: every template renders (or fails) exactly as Go's text/template
 * with sprig does, using the real Go engine inside helm-java as the oracle ({@link HelmOracle}).
 * A missing key prints {@code <no value>} in both (the oracle reads the body before Helm deletes
 * that text); only a field of a missing key differs (Helm's missingkey=zero makes it an error, sealos's
 * missingkey=default prints {@code <no value>}), which {@link GoTemplateTest} covers.
 */
class GoSemanticsOracleTest {
  private static final String VALUES = "{\"s\":\"kube\",\"n\":3,\"f\":2.5,\"big\":1000000,\"t\":true,\"z\":0,"
      + "\"e\":\"\",\"l\":[\"b\",\"a\",\"c\"],\"nums\":[3,1,2],\"m\":{\"k2\":\"v2\",\"k1\":\"v1\",\"n\":{\"d\":4}},"
      + "\"nil\":null,\"html\":\"<a href='x'>&</a>\",\"multi\":\"line1\\nline2\",\"ver\":\"v1.26.3\","
      + "\"cidr\":\"192.168.10.7/24\",\"json\":\"{\\\"a\\\":[1,2,{\\\"b\\\":null}],\\\"c\\\":1.5e300}\","
      + "\"yaml\":\"a: 1\\nb:\\n- x\\n- y\\n\",\"uni\":\"héllo wörld\"}";

  @TempDir
  static Path work;

  static Stream<String> templates() {
    return Stream.of(
        // printing of values
        "{{.Values.s}} {{.Values.n}} {{.Values.f}} {{.Values.big}} {{.Values.t}} {{.Values.l}} {{.Values.m}}",
        "{{.Values.nil}}|{{.Values.e}}|{{.Values.m.n}}|{{.Values}}",
        "{{1}} {{1.5}} {{1e6}} {{1e21}} {{0.000001}} {{1e-7}} {{-0}} {{0x1F}} {{0o17}} {{0b101}} {{1_000}} {{'x'}} {{'\\n'}}",
        "{{true}} {{false}} {{\"str\"}} {{`raw\\n`}} {{\"\\u00e9\\t\\\"q\\\"\"}}",
        // whitespace and comments
        "a {{- 1 -}} b\n  {{- /* comment */ -}}\n  c {{/* x */}} d",
        "x\n{{- \"y\" }}\n{{ \"z\" -}}\n\nw",
        // control flow and variables
        "{{if .Values.t}}T{{else}}F{{end}} {{if .Values.z}}T{{else if .Values.e}}E{{else}}N{{end}}",
        "{{with .Values.m}}{{.k1}}{{end}}{{with .Values.e}}x{{else}}empty{{end}}{{with .Values.z}}{{else with .Values.s}}{{.}}{{end}}",
        "{{range .Values.l}}[{{.}}]{{end}} {{range $i, $v := .Values.l}}{{$i}}:{{$v}} {{end}}",
        "{{range $k, $v := .Values.m}}{{$k}}={{$v}};{{end}} {{range .Values.e}}x{{else}}none{{end}}",
        "{{range $i := 4}}{{$i}}{{end}} {{range 0}}x{{else}}zero{{end}}",
        "{{range .Values.l}}{{if eq . \"a\"}}{{continue}}{{end}}{{if eq . \"c\"}}{{break}}{{end}}{{.}}{{end}}",
        "{{$x := .Values.s}}{{range .Values.l}}{{$x}}{{$x = .}}{{end}}{{$x}}",
        "{{$a, $b := 1, 2}}",
        "{{define \"inner\"}}<{{.}}>{{end}}{{template \"inner\" .Values.s}}{{template \"inner\"}}{{block \"blk\" .Values.n}}({{.}}){{end}}",
        "{{(index .Values.m \"n\").d}} {{(.Values.m).k1}} {{.Values.m.n.d | printf \"%03.0f\"}}",
        // builtins
        "{{len .Values.l}} {{len .Values.s}} {{len .Values.uni}} {{len .Values.m}} {{index .Values.l 0}} {{index .Values.m \"k2\"}} {{index .Values.s 1}}",
        "{{not .Values.t}} {{and .Values.t .Values.s}} {{and .Values.z .Values.s}} {{or .Values.e .Values.z}} {{or .Values.e .Values.s}} {{and 1 2 3}}",
        "{{eq .Values.s \"kube\"}} {{eq .Values.n 3.0}} {{ne .Values.s \"x\"}} {{lt .Values.f 3.0}} {{le 2 2}} {{gt \"b\" \"a\"}} {{ge .Values.n .Values.f}} {{eq 1 2 3 1}}",
        "{{print \"a\" 1 2 \"b\" .Values.t}}|{{println 1 \"x\"}}|{{print .Values.nil}}|{{print}}",
        "{{printf \"%d %5d %-5d| %05d %x %X %o %b %c %q %U\" 42 42 42 -42 255 255 8 5 65 65 65}}",
        "{{printf \"%s|%10s|%-10s|%q|%x|%.2s|%v|%T\" \"go\" \"go\" \"go\" \"go\" \"go\" \"golang\" .Values.l .Values.l}}",
        "{{printf \"%f %.2f %8.3f %e %E %g %G %v %.3g %+.1f\" 3.14159 2.675 -1.5 123456.789 0.000123 1e21 1e-7 1e6 1234.5678 2.25}}",
        "{{printf \"%t %v %d %s\" true false .Values.s 5}}|{{printf \"%d\"}}|{{printf \"x\" 1 \"y\"}}|{{printf \"%!\"}}|{{printf \"%%\"}}",
        "{{printf \"%v %s %d\" .Values.m .Values.l .Values.nums}} {{printf \"%*d|%-*d|%.*f\" 5 1 4 2 2 3.14159}}",
        "{{html .Values.html}} {{js .Values.html}} {{urlquery .Values.html}} {{html 1 2}} {{js \"\\u2028é\"}}",
        // sprig: strings
        "{{upper .Values.uni}} {{lower \"ABC\"}} {{title \"hello wide-world_x\"}} {{untitle \"Hello World\"}} {{swapcase \"Hello World\"}}",
        "{{substr 1 3 .Values.s}} {{substr -1 2 .Values.s}} {{substr 2 99 .Values.s}} {{trunc 2 .Values.s}} {{trunc -2 .Values.s}} {{trunc 10 .Values.s}}",
        "{{repeat 3 \"ab\"}} {{trim \"  x y  \"}} {{trimAll \"$\" \"$$5.00$\"}} {{trimPrefix \"ku\" .Values.s}} {{trimSuffix \"be\" .Values.s}} {{nospace \"a b\\tc\"}}",
        "{{abbrev 5 \"hello world\"}} {{abbrevboth 5 10 \"1234 5678 9123\"}} {{initials \"First Try\"}} {{wrap 5 \"Hello World Foo\"}} {{wrapWith 5 \"\\t\" \"Hello World\"}}",
        "{{contains \"ub\" .Values.s}} {{hasPrefix \"ku\" .Values.s}} {{hasSuffix \"x\" .Values.s}} {{replace \"k\" \"K\" .Values.s}} {{plural \"one\" \"many\" 2}}",
        "{{quote .Values.s .Values.n .Values.nil}} {{squote .Values.s}} {{cat \"a\" .Values.n .Values.nil \"b\"}} {{.Values.s | quote}}",
        "{{indent 4 .Values.multi}}|{{nindent 2 .Values.multi}}|{{.Values.multi | indent 2}}",
        "{{sha1sum \"x\"}} {{sha256sum \"x\"}} {{adler32sum \"x\"}} {{b64enc .Values.uni}} {{b64dec \"aGk=\"}} {{b32enc \"hi\"}} {{b32dec \"NBUQ====\"}}",
        "{{toString 5}} {{toString .Values.l}} {{split \"/\" \"a/b/c\"}} {{(split \"/\" \"a/b\")._1}} {{splitList \",\" \"a,b,,c\"}} {{splitn \":\" 2 \"a:b:c\"}}",
        "{{join \"-\" .Values.l}} {{join \",\" .Values.nums}} {{sortAlpha .Values.l}} {{toStrings .Values.nums}} {{join \"|\" \"solo\"}}",
        "{{base \"/a/b.txt\"}} {{dir \"/a/b.txt\"}} {{clean \"a//b/../c/.\"}} {{ext \"x.tar.gz\"}} {{isAbs \"/x\"}} {{base \"\"}} {{dir \"x\"}}",
        "{{regexMatch \"^[a-z]+$\" .Values.s}} {{regexFind \"[0-9]+\" \"ab123cd45\"}} {{regexFindAll \"[0-9]\" \"a1b2c3\" 2}} {{regexReplaceAll \"(b+)\" \"abbbc\" \"<$1>\"}} {{regexReplaceAllLiteral \"b\" \"abc\" \"$1\"}} {{regexSplit \",\" \"a,b,c\" -1}} {{regexQuoteMeta \"a.b*c\"}}",
        "{{regexReplaceAll \"a(?P<x>b)\" \"abab\" \"${x}-$x.\"}}",
        // sprig: numbers and conversions
        "{{add 1 2 3}} {{add1 .Values.n}} {{sub 5 7}} {{mul 2 3 4}} {{div 7 2}} {{mod 7 3}} {{max 1 5 3}} {{min 4 2 8}} {{biggest 1 9}}",
        "{{addf 1.5 2}} {{add1f 1.1}} {{subf 10 0.1}} {{mulf 1.1 3}} {{divf 10 4}} {{maxf 1.5 2.5}} {{minf 1 0.5}} {{ceil 1.2}} {{floor 1.8}} {{round 3.14159 2}}",
        "{{int \"42\"}} {{int64 \"0x10\"}} {{int 3.9}} {{float64 \"1.5\"}} {{atoi \"12\"}} {{atoi \"x\"}} {{int .Values.f}} {{toDecimal \"777\"}} {{int \"abc\"}}",
        "{{until 3}} {{untilStep 1 10 3}} {{untilStep 5 0 -2}} {{seq 3}} {{seq 2 5}} {{seq 10 -3 1}}",
        // sprig: lists and dicts
        "{{list 1 \"a\" .Values.t}} {{first .Values.l}} {{last .Values.l}} {{rest .Values.l}} {{initial .Values.l}} {{reverse .Values.l}}",
        "{{append .Values.l \"d\"}} {{prepend .Values.l \"z\"}} {{uniq (list 1 2 1 \"a\" \"a\")}} {{without .Values.l \"a\"}} {{has \"a\" .Values.l}} {{has 9 .Values.nums}}",
        "{{slice .Values.l 1}} {{slice .Values.l 0 2}} {{concat .Values.l .Values.nums}} {{chunk 2 .Values.l}} {{compact (list 1 \"\" 0 \"x\")}}",
        "{{dict \"b\" 2 \"a\" 1}} {{get .Values.m \"k1\"}} {{get .Values.m \"nope\"}} {{hasKey .Values.m \"k2\"}} {{keys .Values.m | sortAlpha}} {{pluck \"k1\" .Values.m .Values.m}}",
        "{{pick .Values.m \"k1\"}} {{omit .Values.m \"n\"}} {{values (dict \"x\" 1) }} {{dig \"n\" \"d\" \"def\" .Values.m}} {{dig \"n\" \"q\" \"def\" .Values.m}}",
        "{{$d := dict \"a\" 1}}{{$_ := set $d \"b\" 2}}{{$_ := unset $d \"a\"}}{{$d}} {{merge (dict \"a\" 1 \"n\" (dict \"x\" 1)) (dict \"a\" 2 \"b\" 3 \"n\" (dict \"y\" 2))}} {{mergeOverwrite (dict \"a\" 1) (dict \"a\" 2)}}",
        "{{default \"d\" .Values.e}} {{default \"d\" .Values.s}} {{default 5 .Values.z}} {{default \"d\" .Values.nil}} {{empty .Values.l}} {{empty .Values.z}} {{empty (dict)}}",
        "{{coalesce .Values.e .Values.z .Values.s}} {{all 1 \"a\" true}} {{all 1 \"\"}} {{any 0 \"\" \"x\"}} {{ternary \"y\" \"n\" .Values.t}} {{ternary 1 2 false}}",
        "{{typeOf .Values.s}} {{typeOf .Values.f}} {{typeOf .Values.l}} {{typeOf .Values.m}} {{kindOf .Values.l}} {{kindIs \"map\" .Values.m}} {{typeIs \"string\" .Values.s}} {{deepEqual .Values.l .Values.l}}",
        // sealos's extras
        "{{toJson .Values.m}} {{toJson .Values.html}} {{toJson .Values.f}} {{toJson .Values.big}} {{toJson (list 1e21 1e-7 0.1)}}",
        "{{toPrettyJson .Values.m}} {{toRawJson .Values.html}}",
        "{{toYaml .Values.m}}\n{{toYaml .Values.l}}\n{{toYaml (dict \"s\" \"true\" \"n\" \"123\" \"e\" \"\" \"c\" \"a: b\" \"h\" \"#x\" \"m\" .Values.multi \"l\" (list))}}",
        "{{toYaml (dict \"k\" (list (dict \"a\" 1 \"b\" (list 1 2)) \"x\") \"f\" 1.5 \"big\" 1e21)}}",
        "{{(fromJson .Values.json).a}} {{(fromJson .Values.json).c}} {{fromJsonArray \"[1,\\\"x\\\"]\"}} {{(fromYaml .Values.yaml).b}} {{(fromYaml .Values.yaml).a}} {{fromYamlArray \"- 1\\n- b\"}}",
        "{{semverCompare \">=1.20.0-0\" .Values.ver}} {{semverCompare \"~1.26\" .Values.ver}} {{semverCompare \"1.2.x\" \"1.2.9\"}} {{semverCompare \">1, <2 || 3.x\" \"3.1.0\"}} {{semverCompare \"^0.2.3\" \"0.3.0\"}} {{semverCompare \"1.0 - 2.0\" \"1.5.0\"}} {{semverCompare \"!=1.2.3\" \"1.2.3\"}}",
        // missing keys, nil and scoping
        "{{.Values.missing}}|{{index .Values.m \"missing\"}}|{{.Values.missing | default \"d\"}}|{{print .Values.missing}}|{{if .Values.missing}}y{{else}}n{{end}}",
        "{{printf \"%v %s %d\" .Values.missing .Values.missing .Values.missing}}|{{list .Values.nil .Values.missing}}|{{eq .Values.missing .Values.nil}}",
        "{{with $x := .Values.s}}{{$x}}{{.}}{{end}}{{range $i, $e := .Values.nums}}{{$i}}{{$.Values.s}}{{end}}",
        "{{define \"t2\"}}{{.}}:{{$}}{{end}}{{template \"t2\" .Values.n}} {{template \"t2\" (list 1 2)}}",
        "{{define \"rec\"}}{{if gt . 0.0}}{{.}}{{template \"rec\" (subf . 1)}}{{end}}{{end}}{{template \"rec\" .Values.n}}",
        "{{$v := 1}}{{range .Values.l}}{{$v := .}}{{end}}{{$v}} {{$w := 0}}{{range .Values.l}}{{$w = .}}{{end}}{{$w}}",
        "{{range $k, $v := .Values.m}}{{if eq $k \"n\"}}{{range $k2, $v2 := $v}}{{$k2}}{{$v2}}{{end}}{{end}}{{end}}",
        "{{ .Values.s\n  | upper\n  | printf \"%s!\" }}",
        "{{- if .Values.t }}\n  yes\n{{- else }}\n  no\n{{- end }}\n",
        "{{ \"a\" }}{{/* multi\nline */}}{{ \"b\" }}\n{{- /* x */ -}}\n{{ \"c\" }}",
        "{{ and .Values.z (index .Values.l 99) }} {{ or .Values.s (index .Values.l 99) }}",
        "{{ .Values.nums | len }} {{ .Values.s | len | add 1 }} {{ \"x\" | printf \"%s-%s\" \"y\" }}",
        "{{ index .Values.m \"n\" \"d\" }} {{ index .Values.l 1 | upper }} {{ slice .Values.l }} {{ index .Values.l }}",
        "{{ printf \"%6.2f|%-8v|%+d|% d|%x|%X|%#x|%#o\" 3.14159 .Values.s 5 5 \"hi\" 3.5 255 8 }}",
        "{{ printf \"%v|%v|%v|%v\" 1e20 1e21 123456789.0 0.0001 }} {{ printf \"%g|%e|%.0f|%.1f\" 100000.0 0.0 2.5 0.05 }}",
        "{{ printf \"%3c|%-3c|%q|%U|%#U\" 65 66 \"\\t\" 0x1F600 0x1F600 }}",
        "{{ printf \"%s\" (list 1 \"a\") }} {{ printf \"%d\" (list 1 2) }} {{ printf \"%v\" (dict \"a\" (list 1)) }}",
        "{{ toJson .Values.missing }} {{ toJson .Values.nil }} {{ toYaml .Values.nil }} {{ toYaml \"\" }} {{ toYaml 1.5 }} {{ toYaml .Values.t }}",
        "{{ toYaml (dict \"k\" \"yes\" \"o\" \"off\" \"t\" \"~\" \"x\" \"- a\" \"q\" \"it's\" \"sp\" \" lead\" \"col\" \"a:b\" \"url\" \"http://x:1/y\") }}",
        "{{ toYaml (list (list 1 2) (dict) (list) \"s\") }}",
        "{{ quote }}|{{ squote }}|{{ cat }}|{{ list }}|{{ dict }}|{{ coalesce }}|{{ default \"x\" }}",
        "{{ add }} {{ mul 3 }} {{ max 3 }} {{ addf }} {{ until 0 }} {{ until -2 }} {{ seq 0 }} {{ seq -2 }}",
        "{{ semverCompare \"^1.26.0\" \"v1.26.0-rc.1\" }} {{ semverCompare \">=1.26.0-0\" \"v1.26.0-rc.1\" }} {{ semverCompare \"~1.2.3\" \"1.2.9\" }} {{ semverCompare \"~1.2.3\" \"1.3.0\" }} {{ semverCompare \"<1.20\" \"1.19.9\" }} {{ semverCompare \">1.x\" \"2.0.0\" }} {{ semverCompare \"*\" \"0.0.1\" }}",
        "{{ trimAll \"ab\" \"abcba\" }} {{ title \"hello_world-x y.z\" }} {{ abbrev 3 \"abcdef\" }} {{ abbrev 10 \"abc\" }} {{ substr 0 100 \"abc\" }}",
        "{{ \"héllo\" | upper }} {{ len \"日本\" }} {{ trunc 3 \"日本\" }} {{ printf \"%.1s|%5s|%x\" \"日本\" \"日\" \"日\" }}",
        "{{ regexFindAll \"a.\" \"a1a2a3\" -1 }} {{ regexSplit \"x*\" \"axbxc\" -1 }} {{ regexSplit \",\" \"a,b,c\" 2 }} {{ regexReplaceAll \"\\\\d\" \"a1b22\" \"#\" }}",
        "{{ splitList \"\" \"abc\" }} {{ splitn \",\" 0 \"a,b\" }} {{ split \"\" \"ab\" }} {{ join \",\" (list 1 .Values.nil \"x\") }}",
        "{{ int64 \"1.0\" }} {{ int \"1e3\" }} {{ float64 \"0x10\" }} {{ int .Values.t }} {{ float64 .Values.nil }} {{ int64 \" 5\" }}",
        "{{ has 1.0 (list 1 2) }} {{ has 1 (list 1 2) }} {{ without (list 1 2 1) 1 }} {{ uniq (list (list 1) (list 1)) }}",
        "{{ $d := dict \"a\" (dict \"b\" 1) }}{{ $c := deepCopy $d }}{{ $_ := set $c.a \"b\" 2 }}{{ $d }} {{ $c }}",
        "{{ get (dict) \"x\" }}|{{ hasKey (dict \"x\" .Values.nil) \"x\" }}|{{ dig \"a\" \"b\" 1 (dict \"a\" (dict \"b\" .Values.nil)) }}",
        "{{ kindOf .Values.nil }} {{ typeOf .Values.nil }} {{ kindOf 1 }} {{ typeOf 1 }} {{ typeOf 1.5 }} {{ typeOf (dict) }} {{ typeOf (list) }} {{ typeOf \"\" }} {{ typeOf true }}",
        // errors: text and position exactly as Go's
        "{{.Values.s.x}}",
        "line\n  {{ .Values.m.k1.deep }}",
        "{{range .Values.l}}{{.x}}{{end}}",
        "{{index .Values.l 3}}",
        "{{index .Values.s \"a\"}}",
        "{{index 1 2}}",
        "{{len .Values.n}}",
        "{{lt .Values.s 1}}",
        "{{eq .Values.n \"x\"}}",
        "{{lt .Values.l .Values.l}}",
        "{{ printf \"%s %s %s\" .Values.s .Values.s .Values.s .Values.s .Values.nil | upper | lower }}",
        "{{ .Values.m.k1.a.b.c.d.e.f.g.h.i.j.k }}",
        "{{upper .Values.n}}",
        "{{.Values.s 1}}",
        "{{nil}}",
        "{{template \"nope\"}}",
        "{{printf}}",
        "{{upper}}",
        "{{add1 1 2}}",
        "{{div 1 0}}",
        "{{first .Values.s}}",
        "{{if .Values.l}}{{else}}",
        "{{end}}",
        "{{nope 1}}",
        "{{$u}}",
        "{{range $a, $b, $c := .Values.l}}{{end}}",
        "{{break}}",
        "{{ . | 1 }}",
        "{{\"unterminated}}",
        "{{ .Values.s | }}",
        "{{ (1 }}",
        "{{ 1) }}",
        "{{ # }}",
        "{{ .Values.s.}}",
        "{{ 1.2.3 }}",
        "{{ 99999999999999999999 }}",
        "{{ with }}{{end}}",
        "{{ /* unclosed }}",
        "{{ 1 /* comment */ }}",
        "{{ 'ab' }}",
        "{{ \"\\q\" }}",
        "{{define \"a\"}}x{{end}}{{define \"a\"}}y{{end}}",
        "{{ .Values.l.x }}",
        "{{ (index .Values.m \"n\").d.e }}",
        "{{ .Values.f | printf \"%d\" }} {{ printf \"%s\" .Values.nil }} {{ printf \"%d %s\" .Values.t .Values.m }}",
        "{{ slice .Values.l 2 1 }}",
        "{{ regexMatch \"(\" \"x\" }}");
  }

  @ParameterizedTest
  @MethodSource("templates")
  void renders_and_fails_like_go(String template) {
    String expected = HelmOracle.render(work, template, VALUES);
    assertThat(HelmOracle.java(template, VALUES)).isEqualTo(expected);
  }
}
