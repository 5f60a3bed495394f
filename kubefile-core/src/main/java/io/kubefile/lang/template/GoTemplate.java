package io.kubefile.lang.template;

import io.kubefile.lang.template.Parser.Tree;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Go {@code text/template} with the functions sealos gives {@code .tmpl} files: Go's builtins,
 * sprig v3's {@code TxtFuncMap} and sealos's {@code toToml, toYaml, fromYaml, fromYamlArray, toJson,
 * fromJson, fromJsonArray, ipNet, ipAt} ({@code lifecycle/pkg/template/funcmap.go}), executed with
 * {@code missingkey=default}. The one engine behind {@code .tmpl} rendering ({@link TemplateFiles})
 * and {@code inspect -f}.
 *
 * <p>Why a Java port and not the Go engine that helm-java already embeds (measured in
 * bench/RESULTS.md, "Template engines"): Helm's engine is reachable only through {@code helm
 * template} on a chart, which roots the data at {@code .Values} (sealos templates say {@code
 * .KEY}), runs with {@code missingkey=zero} and deletes every {@code <no value>} from the output
 * (sealos prints it), and swaps sprig's {@code env}/{@code expandenv} for Helm's {@code
 * include}/{@code tpl}/{@code required}; so it renders the same template differently, and each call
 * pays for a chart on disk plus the Go runtime. The port follows Go's lexer, parser and executor
 * state for state (same grammar, scoping, argument conversion and error texts), and the tests hold
 * it against helm-java as an oracle wherever Helm's set-up does not differ.
 *
 * <p>Differences from Go, all loud rather than silent: recursion is bounded at {@value
 * Parser#MAX_DEPTH} nested parentheses/blocks and {@value Executor#MAX_TEMPLATE_DEPTH} nested
 * {@code {{template}}} calls (Go: 10000 and 100000), with Go's error texts; complex-number
 * constants are refused.
 */
public final class GoTemplate {
  /** Which functions a template may call. */
  public enum FunctionSet {
    /** sealos's {@code .tmpl} set: Go builtins, sprig, sealos's extras. */
    SEALOS(Functions.sealos()),
    /**
     * {@code inspect -f}: the same plus {@code json} (compact JSON, as in docker/podman/buildah
     * formats), which kubefile's users already write; sealos's own inspect has only the builtins,
     * so every format sealos accepts renders the same here.
     */
    INSPECT(Functions.inspect());

    final Map<String, GoFunction> functions;

    FunctionSet(Map<String, GoFunction> functions) {
      this.functions = functions;
    }
  }

  /**
   * Marks a Map that stands for a Go struct (e.g. sealos's inspect output): its values have their
   * own types in error messages ("in type string"), where a map[string]interface {} value is
   * "interface {}".
   */
  public interface StructData {}

  private final String name;
  private final Map<String, Tree> trees;
  private final Map<String, GoFunction> functions;

  private GoTemplate(String name, Map<String, Tree> trees, Map<String, GoFunction> functions) {
    this.name = name;
    this.trees = trees;
    this.functions = functions;
  }

  /**
   * Parses a template. NAME appears in error messages ({@code template: NAME:LINE: ...}).
   *
   * @throws TemplateException on a syntax error, an unknown function or an undefined variable
   */
  public static GoTemplate parse(String name, String text) {
    return parse(name, text, FunctionSet.SEALOS);
  }

  /** Parses a template that may call the functions of SET. */
  public static GoTemplate parse(String name, String text, FunctionSet set) {
    Map<String, Tree> trees = new LinkedHashMap<>();
    Parser.parse(name, text, set.functions, trees);
    return new GoTemplate(name, Collections.unmodifiableMap(trees), set.functions);
  }

  /**
   * Executes the template. DATA is made of Maps, Lists, Strings, Numbers, Booleans and nulls (or a
   * Jackson tree); see {@link #stringMap} for the env map of a {@code .tmpl} file.
   *
   * @throws TemplateException when execution fails, e.g. a function call error
   */
  public String execute(Object data) {
    Tree tree = trees.get(name);
    if (tree == null) {
      throw new TemplateException("template: " + name + ": \"" + name + "\" is an incomplete or empty template");
    }
    StringBuilder out = new StringBuilder();
    Executor.execute(tree, trees, functions, data, out);
    return out.toString();
  }

  /**
   * The data of a sealos {@code .tmpl} file: Go's {@code map[string]string}. It differs from a
   * {@code map[string]interface {}} in two places: {@code index} of a missing key is {@code ""}
   * (not {@code <no value>}), and sprig's dict functions refuse it, as in sealos.
   */
  public static Map<String, String> stringMap(Map<String, String> values) {
    return new GoValues.StringMap(values);
  }
}
