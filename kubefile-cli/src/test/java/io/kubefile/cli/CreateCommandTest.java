package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.builder.KubefileBuilder;
import io.kubefile.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubefile create}: an image's files and the commands {@code run} would execute, without hosts. */
class CreateCommandTest {
  @TempDir Path work;
  Path store;

  @BeforeEach
  void buildRootfs() throws Exception {
    Path context = work.resolve("rootfs");
    Files.createDirectories(context.resolve("etc"));
    Files.writeString(context.resolve("etc/app.yaml.tmpl"), "root: {{ .SEALOS_SYS_KUBE_VERSION }}\n");
    Files.writeString(context.resolve("Kubefile"), """
        FROM scratch
        LABEL sealos.io.type=rootfs sealos.io.version=v1beta1 version=v1.25.0
        COPY etc etc
        CMD ["bash scripts/start.sh"]
        """);
    store = work.resolve("store");
    KubefileBuilder.forContext(context).store(ImageStore.open(store)).tag("test.local/rootfs:v1").build();
  }

  private Map<String, String> env(String dataRoot) {
    return dataRoot == null ? Map.of("SEALOS_RUNTIME_ROOT", work.resolve("sealos").toString())
        : Map.of("SEALOS_RUNTIME_ROOT", work.resolve("sealos").toString(), "SEALOS_DATA_ROOT", dataRoot);
  }

  @Test
  void theCommandsRunWouldExecuteAreInTheDataRootSealosDataRootNames() throws Exception {
    CliRun.Result byDefault = CliProcess.run(store, env(null), "create", "test.local/rootfs:v1");
    assertThat(byDefault.exitCode()).as(byDefault.err()).isZero();
    assertThat(byDefault.out()).contains("cd /var/lib/sealos/data/default/rootfs && bash scripts/start.sh");

    CliRun.Result moved = CliProcess.run(store, env("/data/sealos/"), "create", "test.local/rootfs:v1");
    assertThat(moved.exitCode()).as(moved.err()).isZero();
    assertThat(moved.out()).contains("cd /data/sealos/data/default/rootfs && bash scripts/start.sh");
    Path created = Path.of(moved.out().lines().findFirst().orElseThrow());
    assertThat(created.resolve("etc/app.yaml")).hasContent("root: v1.25.0\n");
  }

  @Test
  void aDataRootThatCannotBeUsedInAHostCommandIsAnErrorBeforeAnythingIsDone() throws Exception {
    for (String command : new String[] {"create", "reset"}) {
      CliRun.Result result = command.equals("create")
          ? CliProcess.run(store, env("/srv/my data"), "create", "test.local/rootfs:v1")
          : CliProcess.run(store, env("/srv/my data"), "reset");
      assertThat(result.exitCode()).as(command).isEqualTo(1);
      assertThat(result.err()).as(command).isEqualTo("Error: SEALOS_DATA_ROOT must be an absolute directory of letters, digits,"
          + " '.', '_', '-' and '/' (it is part of the commands run on the hosts), not \"/srv/my data\"\n");
    }
    assertThat(work.resolve("sealos")).doesNotExist();
  }
}
