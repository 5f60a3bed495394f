package io.kubefile.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateRewriterTest {

  @Test
  void lookupCallsInsideActionsBecomeAnEmptyMap() {
    assertThat(TemplateRewriter.withoutClusterLookups("{{- $s := lookup \"v1\" \"Secret\" .Release.Namespace \"x\" }}"))
        .isEqualTo("{{- $s := pick (dict) \"v1\" \"Secret\" .Release.Namespace \"x\" }}");
    assertThat(TemplateRewriter.withoutClusterLookups("{{ if (lookup \"v1\" \"Namespace\" \"\" \"ns\") }}"))
        .isEqualTo("{{ if (pick (dict) \"v1\" \"Namespace\" \"\" \"ns\") }}");
  }

  @Test
  void textFieldsVariablesAndLongerNamesAreLeftAlone() {
    String template = "lookup: {{ .Values.lookup }} {{ $lookup }} {{ lookupTable }} {{ include \"x.lookup-y\" . }}";
    assertThat(TemplateRewriter.withoutClusterLookups(template)).isEqualTo(template);
  }

  @Test
  void hookAnnotationsAreRenamedSoHelmRendersThemAsResources() {
    assertThat(TemplateRewriter.withoutHooks("\"helm.sh/hook\": test\n\"helm.sh/hook-weight\": \"1\""))
        .isEqualTo("\"kubefile.invalid/former-helm-hook\": test\n\"kubefile.invalid/former-helm-hook-weight\": \"1\"");
  }
}
