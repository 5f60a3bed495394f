package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where clusters are remembered, and who may read them: a Clusterfile may hold the SSH password. */
class ClusterfileStoreTest {
  @TempDir Path runtime;

  private static Clusterfile withPassword(String name) {
    return Clusterfile.parse("""
        kind: Cluster
        metadata: {name: %s}
        spec:
          ssh: {user: root, passwd: s3cret}
          hosts:
          - {ips: [10.0.0.1:22], roles: [master]}
        """.formatted(name), "Clusterfile");
  }

  @Test
  void aSavedClusterfileAndTheDirectoryMadeForItAreTheOwnersOnly() throws Exception {
    ClusterfileStore store = new ClusterfileStore(runtime.resolve("sealos"));
    store.save(withPassword("c"));
    assertThat(Files.getPosixFilePermissions(store.path("c"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(store.clusterDir("c"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(store.load("c").orElseThrow().ssh().passwd()).isEqualTo("s3cret");
    try (var files = Files.list(store.clusterDir("c"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).as("no temporary file left").containsExactly("Clusterfile");
    }
  }

  @Test
  void aClusterDirectoryThatExistsKeepsItsModeAndAReplacedClusterfileBecomesTheOwnersOnly() throws Exception {
    ClusterfileStore store = new ClusterfileStore(runtime.resolve("sealos"));
    Path dir = Files.createDirectories(store.clusterDir("c"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    // One written by an earlier version, or by sealos, readable by everyone.
    Files.writeString(store.path("c"), withPassword("c").toYaml());
    Files.setPosixFilePermissions(store.path("c"), PosixFilePermissions.fromString("rw-r--r--"));

    store.save(withPassword("c"));

    assertThat(Files.getPosixFilePermissions(store.path("c"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void theLockOfANewClusterMakesItsDirectoryTheOwnersOnly() throws Exception {
    ClusterfileStore store = new ClusterfileStore(runtime.resolve("sealos"));
    try (ClusterLock lock = ClusterLock.acquire(store, "c")) {
      assertThat(Files.getPosixFilePermissions(store.clusterDir("c"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }
  }
}
