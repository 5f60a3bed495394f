package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RemotePathsTest {
  @Test
  void theLayoutIsSealosUnderTheDataRoot() {
    RemotePaths paths = new RemotePaths("/var/lib/sealos", "default");
    assertThat(paths.rootfs()).isEqualTo("/var/lib/sealos/data/default/rootfs");
    assertThat(paths.registry()).isEqualTo("/var/lib/sealos/data/default/rootfs/registry");
    assertThat(paths.workdir("default-1a2b3c4d")).isEqualTo("/var/lib/sealos/data/default/applications/default-1a2b3c4d/workdir");
  }

  @Test
  void sealosDataRootMovesEveryClusterAsInSealos() {
    assertThat(RemotePaths.dataRootFromEnvironment(Map.of())).isEqualTo("/var/lib/sealos");
    assertThat(RemotePaths.dataRootFromEnvironment(Map.of("SEALOS_DATA_ROOT", " "))).isEqualTo("/var/lib/sealos");
    assertThat(RemotePaths.dataRootFromEnvironment(Map.of("SEALOS_DATA_ROOT", "/data/sealos"))).isEqualTo("/data/sealos");
    assertThat(RemotePaths.dataRootFromEnvironment(Map.of("SEALOS_DATA_ROOT", "/data/sealos-1.2_x//"))).isEqualTo("/data/sealos-1.2_x");
  }

  @Test
  void aDataRootThatCannotGoIntoAHostCommandAsItIsIsRefused() {
    for (String bad : new String[] {"data/sealos", "/srv/my data", "/srv/$(id)", "/srv/a;b", "/srv/../etc", "/", "//"}) {
      assertThatThrownBy(() -> RemotePaths.dataRootFromEnvironment(Map.of("SEALOS_DATA_ROOT", bad))).as(bad)
          .isInstanceOf(RunException.class)
          .hasMessage("SEALOS_DATA_ROOT must be an absolute directory of letters, digits, '.', '_', '-' and '/'"
              + " (it is part of the commands run on the hosts), not \"" + bad + "\"");
    }
  }
}
