package io.kubefile.discovery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Source rewrites that make helm-java's {@code template} render what upstream's direct {@code
 * engine.Render} call renders (SEALOS_COMPAT §2.3), offline.
 */
final class TemplateRewriter {
  /** A Go template action; Helm charts do not put {@code }}} inside actions in practice. */
  private static final Pattern ACTION = Pattern.compile("\\{\\{.*?}}", Pattern.DOTALL);
  /** The {@code lookup} function, not a field ({@code .lookup}), variable or longer identifier. */
  private static final Pattern LOOKUP = Pattern.compile("(?<![\\w.$])lookup(?![\\w-])");
  private static final String HOOK_ANNOTATION = "helm.sh/hook";
  static final String FORMER_HOOK_ANNOTATION = "kubefile.invalid/former-helm-hook";

  private TemplateRewriter() {}

  /**
   * Replaces calls to {@code lookup} with {@code pick (dict)}: helm-java's template queries a live
   * cluster (and fails offline), while upstream renders client-only, where lookup returns an empty map.
   * {@code pick (dict) "v1" "Secret" ns name} is that same empty map.
   */
  static String withoutClusterLookups(String template) {
    Matcher action = ACTION.matcher(template);
    StringBuilder out = new StringBuilder();
    while (action.find()) {
      String rewritten = LOOKUP.matcher(action.group()).replaceAll("pick (dict)");
      action.appendReplacement(out, Matcher.quoteReplacement(rewritten));
    }
    action.appendTail(out);
    return out.toString();
  }

  /**
   * Renames the {@code helm.sh/hook} annotation (and its {@code -weight}/{@code -delete-policy} siblings):
   * helm-java's template leaves hooks (including test pods) out of its output, but upstream scans them, so
   * their images belong in the cluster image.
   */
  static String withoutHooks(String text) {
    return text.replace(HOOK_ANNOTATION, FORMER_HOOK_ANNOTATION);
  }
}
