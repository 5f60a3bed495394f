package io.kubefile.discovery;

import com.marcnuri.helm.Helm;
import java.nio.file.Path;

/**
 * Renders a chart with the Helm engine embedded by helm-java, with upstream's settings (SEALOS_COMPAT
 * §2.3): release {@code dryrun}, empty namespace, Helm's default capabilities (Kubernetes v1.20.0), the
 * chart's values plus at most one values file. CRDs are skipped because upstream renders templates only.
 *
 * <p>Runs only inside {@link ChartRenderProcess}, never in the Kubefile process itself (see there).
 */
final class HelmTemplateRenderer {
  static final String RELEASE_NAME = "dryrun";

  private HelmTemplateRenderer() {}

  /** @param valuesFile {@code charts/<name>.values.yaml}, or null */
  static String render(Path chart, Path valuesFile) {
    var template = new Helm(chart).template().withName(RELEASE_NAME).skipCrds();
    if (valuesFile != null) {
      template = template.withValuesFile(valuesFile);
    }
    return template.call();
  }
}
