package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;
import java.nio.charset.StandardCharsets;

/** The shell lines sent to hosts: fixture 09-guest-command, R15, R20–R22, env precedence. */
class GuestCommandsTest {

  @Test
  void applicationCommandsAsInTheSealosFixture() {
    String workdir = "/var/lib/sealos/data/default/applications/default-ab12cd34/workdir";
    Map<String, String> env = Map.of("SERVICE_TYPE", "NodePort");
    assertThat(GuestCommands.imageCommands(List.of(),
        List.of("helm upgrade -i demo charts/demo --set service.type=$(SERVICE_TYPE)", "kubectl get pods -A"), workdir, env, env))
        .isEqualTo("export SERVICE_TYPE=\"NodePort\"; cd " + workdir + " && helm upgrade -i demo charts/demo --set service.type=NodePort; cd "
            + workdir + " && kubectl get pods -A");
  }

  @Test
  void entrypointEntriesRunBeforeCmdEntries() {
    assertThat(GuestCommands.imageCommands(List.of("e1"), List.of("c1"), "/d", Map.of(), Map.of()))
        .isEqualTo("cd /d && e1; cd /d && c1");
    assertThat(GuestCommands.imageCommands(List.of(), List.of(), "/d", Map.of(), Map.of())).isNull();
  }

  @Test
  void kubernetesExpansionKeepsUnknownsAndEscapesDollarDollar() {
    Map<String, String> env = Map.of("A", "1");
    assertThat(KubernetesExpansion.expand("$(A) $(B) $$(A) $A ${A} $$ $", env)).isEqualTo("1 $(B) $(A) $A ${A} $ $");
    assertThat(KubernetesExpansion.expand("x$(A", env)).isEqualTo("x$(A");
  }

  @Test
  void labelScriptsRunInRootfsScriptsWithTheirDefaults() {
    String rootfs = "/var/lib/sealos/data/default/rootfs";
    Map<String, String> labels = Map.of("init", "init.sh $registryDomain");
    assertThat(GuestCommands.label("init", labels, rootfs, Map.of("registryDomain", "sealos.hub")))
        .isEqualTo("cd " + rootfs + "/scripts && export registryDomain=\"sealos.hub\"; bash init.sh $registryDomain");
    assertThat(GuestCommands.label("check", labels, rootfs, Map.of())).isEqualTo("cd " + rootfs + "/scripts && bash check.sh");
    assertThat(GuestCommands.label("init-cri", labels, rootfs, Map.of())).isNull();
  }

  @Test
  void exportedValuesCannotEndTheirQuotes() {
    assertThat(InstallEnv.exportLine(Map.of("B", "say \"hi\" `id` \\", "A", "$HOME")))
        .isEqualTo("export A=\"$HOME\" B=\"say \\\"hi\\\" \\`id\\` \\\\\"; ");
    assertThatThrownBy(() -> InstallEnv.exportLine(Map.of("A B", "x"))).hasMessage("invalid environment variable name \"A B\"");
  }

  /** What bash on a host really reads from the export line, value by value. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      pa\\$word         | pa$word
      pa$word            | pa
      pa$HOME            | pa/home/test
      C:\\dir\\x         | C:\\dir\\x
      ends with \\      | ends with \\
      a\\\\b             | a\\\\b
      say "hi" `id`      | say "hi" `id`
      '\\"; touch x; "'  | '\\"; touch x; "'
      """)
  void bashReadsEachValueAsWrittenExceptThatDollarExpandsAsInSealos(String value, String expected) throws Exception {
    assertThat(bashReads(value)).isEqualTo(expected);
  }

  @Test
  void aValueWithANewlineOrABackslashBeforeItKeepsBoth() throws Exception {
    for (String value : List.of("line1\nline2", "line1\\\nline2")) {
      assertThat(bashReads(value)).isEqualTo(value);
    }
  }

  /** What bash prints for $V after the export line of V=value, in an environment holding only HOME. */
  private static String bashReads(String value) throws Exception {
    ProcessBuilder bash = new ProcessBuilder("bash", "-c", InstallEnv.exportLine(Map.of("V", value)) + "printf %s \"$V\"")
        .redirectErrorStream(true);
    bash.environment().clear();
    bash.environment().put("HOME", "/home/test");
    Process process = bash.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void envPrecedenceIsImageThenSpecThenFlagThenHost() {
    Map<String, String> image = new LinkedHashMap<>(Map.of("A", "image", "B", "image", "C", "image", "D", "image"));
    ClusterImage app = new ClusterImage("app", null, ImageType.APPLICATION, image, Map.of(), List.of(), List.of());
    Map<String, String> env = InstallEnv.imageEnv(app, Map.of("B", "spec", "C", "spec", "D", "spec"), Map.of("C", "flag", "D", "flag"));
    assertThat(InstallEnv.forHost(env, Map.of("D", "host")))
        .containsEntry("A", "image").containsEntry("B", "spec").containsEntry("C", "flag").containsEntry("D", "host");
  }

  @Test
  void systemVariablesCannotBeSetByTheUser() {
    assertThatThrownBy(() -> InstallEnv.requireNoSystemKeys(Map.of("SEALOS_SYS_SEALOS_VERSION", "x"), "the Clusterfile's spec.env"))
        .hasMessage("SEALOS_SYS_SEALOS_VERSION is set by Kubefile and cannot be set in the Clusterfile's spec.env");
  }
}
