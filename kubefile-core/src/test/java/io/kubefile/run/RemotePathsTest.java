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
    assertThat(RemotePaths.givenDataRoot(Map.of())).isNull();
    assertThat(RemotePaths.givenDataRoot(Map.of("SEALOS_DATA_ROOT", " "))).isNull();
    assertThat(RemotePaths.givenDataRoot(Map.of("SEALOS_DATA_ROOT", "/data/sealos"))).isEqualTo("/data/sealos");
    assertThat(RemotePaths.givenDataRoot(Map.of("SEALOS_DATA_ROOT", "/data/sealos-1.2_x//"))).isEqualTo("/data/sealos-1.2_x");
  }

  @Test
  void aDataRootThatCannotGoIntoAHostCommandAsItIsIsRefused() {
    for (String bad : new String[] {"data/sealos", "/srv/my data", "/srv/$(id)", "/srv/a;b", "/srv/../etc", "/", "//"}) {
      assertThatThrownBy(() -> RemotePaths.givenDataRoot(Map.of("SEALOS_DATA_ROOT", bad))).as(bad)
          .isInstanceOf(RunException.class)
          .hasMessage("SEALOS_DATA_ROOT must be an absolute directory of letters, digits, '.', '_', '-' and '/'"
              + " (it is part of the commands run on the hosts), not \"" + bad + "\"");
    }
  }

  private static Clusterfile cluster(String annotations) {
    return Clusterfile.parse("kind: Cluster\nmetadata: {name: c" + annotations + "}\n", "Clusterfile");
  }

  @Test
  void anInstalledClusterKeepsTheDataRootItWasInstalledWith() {
    Clusterfile recorded = cluster(", annotations: {kubefile.io/data-root: /data/sealos}");
    assertThat(RemotePaths.dataRootFor(recorded, true, null)).isEqualTo("/data/sealos");
    assertThat(RemotePaths.dataRootFor(recorded, true, "/data/sealos")).isEqualTo("/data/sealos");
    assertThatThrownBy(() -> RemotePaths.dataRootFor(recorded, true, "/var/lib/sealos"))
        .hasMessage("cluster c has its files under /data/sealos on its hosts (as its Clusterfile records),"
            + " but SEALOS_DATA_ROOT is /var/lib/sealos: unset it, or set it to /data/sealos");
    // Saved before the data root was recorded: the default, where those versions put everything.
    Clusterfile older = cluster("");
    assertThat(RemotePaths.dataRootFor(older, true, null)).isEqualTo("/var/lib/sealos");
    assertThatThrownBy(() -> RemotePaths.dataRootFor(older, true, "/data/sealos")).isInstanceOf(RunException.class);
    assertThat(older.dataRoot()).isNull();
    // An edited annotation goes into host commands as well: checked as the variable is.
    assertThatThrownBy(() -> RemotePaths.dataRootFor(cluster(", annotations: {kubefile.io/data-root: \"/srv/$(id)\"}"), true, null))
        .hasMessage("the Clusterfile's metadata.annotations.kubefile.io/data-root must be an absolute directory of letters,"
            + " digits, '.', '_', '-' and '/' (it is part of the commands run on the hosts), not \"/srv/$(id)\"");
  }

  @Test
  void aNewClusterTakesTheGivenDataRootAndRecordsIt() {
    Clusterfile fresh = cluster("");
    assertThat(RemotePaths.dataRootFor(fresh, false, null)).isEqualTo("/var/lib/sealos");
    assertThat(RemotePaths.dataRootFor(fresh, false, "/data/sealos")).isEqualTo("/data/sealos");
    fresh.setDataRoot("/data/sealos");
    assertThat(Clusterfile.parse(fresh.toYaml(), "Clusterfile").dataRoot()).isEqualTo("/data/sealos");
    assertThat(RemotePaths.givenDataRoot(Map.of())).isNull();
  }
}
