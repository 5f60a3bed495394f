package io.kubefile.lang.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The functions a sealos template can call are exactly sealos's: Go's builtins, sprig v3.2.3's
 * TxtFuncMap (the version sealos links; its function table is listed here), and sealos's extras
 * (lifecycle/pkg/template/funcmap.go). Nothing is missing, and nothing newer (sprig v3.3.0's
 * sha512sum) renders here when it would fail in sealos.
 */
class FunctionSetTest {
  static final Set<String> SPRIG_V3_2_3 = Set.of(
      "abbrev", "abbrevboth", "add", "add1", "add1f", "addf", "adler32sum", "ago", "all", "any", "append", "atoi", 
      "b32dec", "b32enc", "b64dec", "b64enc", "base", "bcrypt", "biggest", "buildCustomCert", "camelcase", "cat", 
      "ceil", "chunk", "clean", "coalesce", "compact", "concat", "contains", "date", "dateInZone", "dateModify", 
      "date_in_zone", "date_modify", "decryptAES", "deepCopy", "deepEqual", "default", "derivePassword", "dict", 
      "dig", "dir", "div", "divf", "duration", "durationRound", "empty", "encryptAES", "env", "expandenv", "ext", 
      "fail", "first", "float64", "floor", "fromJson", "genCA", "genCAWithKey", "genPrivateKey", 
      "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey", "get", 
      "getHostByName", "has", "hasKey", "hasPrefix", "hasSuffix", "hello", "htmlDate", "htmlDateInZone", 
      "htpasswd", "indent", "initial", "initials", "int", "int64", "isAbs", "join", "kebabcase", "keys", "kindIs", 
      "kindOf", "last", "list", "lower", "max", "maxf", "merge", "mergeOverwrite", "min", "minf", "mod", "mul", 
      "mulf", "mustAppend", "mustPush", "push", "mustChunk", "mustCompact", "mustDateModify", "mustDeepCopy", "mustFirst", 
      "mustFromJson", "mustHas", "mustInitial", "mustLast", "mustMerge", "mustMergeOverwrite", "mustPrepend", 
      "mustRegexFind", "mustRegexFindAll", "mustRegexMatch", "mustRegexReplaceAll", "mustRegexReplaceAllLiteral", 
      "mustRegexSplit", "mustRest", "mustReverse", "mustSlice", "mustToDate", "mustToJson", "mustToPrettyJson", 
      "mustToRawJson", "mustUniq", "mustWithout", "must_date_modify", "nindent", "nospace", "now", "omit", 
      "osBase", "osClean", "osDir", "osExt", "osIsAbs", "pick", "pluck", "plural", "prepend", "quote", "randAlpha", 
      "randAlphaNum", "randAscii", "randBytes", "randInt", "randNumeric", "regexFind", "regexFindAll", 
      "regexMatch", "regexQuoteMeta", "regexReplaceAll", "regexReplaceAllLiteral", "regexSplit", "repeat", 
      "replace", "rest", "reverse", "round", "semver", "semverCompare", "seq", "set", "sha1sum", "sha256sum", 
      "shuffle", "slice", "snakecase", "sortAlpha", "split", "splitList", "splitn", "squote", "sub", "subf", 
      "substr", "swapcase", "ternary", "title", "toDate", "toDecimal", "toJson", "toPrettyJson", "toRawJson", 
      "toString", "toStrings", "trim", "trimAll", "trimPrefix", "trimSuffix", "trimall", "trunc", "tuple", 
      "typeIs", "typeIsLike", "typeOf", "uniq", "unixEpoch", "unset", "until", "untilStep", "untitle", "upper", 
      "urlJoin", "urlParse", "uuidv4", "values", "without", "wrap", "wrapWith");
  static final Set<String> GO_BUILTINS = Set.of("and", "call", "html", "index", "slice", "js", "len", "not", "or",
      "print", "printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne");
  static final Set<String> SEALOS_EXTRAS = Set.of("toToml", "toYaml", "fromYaml", "fromYamlArray", "toJson",
      "fromJson", "fromJsonArray", "ipNet", "ipAt");

  @Test
  void sealos_set_is_go_builtins_sprig_and_sealos_extras() {
    Set<String> expected = new TreeSet<>(GO_BUILTINS);
    expected.addAll(SPRIG_V3_2_3);
    expected.addAll(SEALOS_EXTRAS);
    assertThat(new TreeSet<>(Functions.sealos().keySet())).isEqualTo(expected);
  }

  @Test
  void every_function_has_an_implementation() {
    Functions.sealos().forEach((name, f) -> assertThat(f.impl).as(name).isNotNull());
  }
}
