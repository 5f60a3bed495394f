package io.kubefile.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.run.FileManifest;
import io.kubefile.run.TreeSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process server the launcher's warm-up syncs to: the client's real path (key exchange,
 * login with a key, host key recorded, commands, SFTP writes renamed into place) works against it,
 * so the class-data archive holds the classes a run loads.
 */
class LoopbackSshServerTest {
  @TempDir Path dir;

  @Test
  void aTreeSyncedThroughTheRealClientLandsUnderTheServersRoot() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    Path tree = Files.createDirectories(dir.resolve("tree/scripts"));
    Files.writeString(tree.resolve("init.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(tree.resolve("init.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.createSymbolicLink(tree.resolve("link"), Path.of("init.sh"));

    try (LoopbackSshServer server = LoopbackSshServer.start(root, dir);
        Host host = server.connect(dir.resolve("known_hosts"))) {
      Host.CommandOutput output = host.capture("uname -m", LineSink.DISCARD);
      assertThat(output.status()).isZero();
      assertThat(output.stdout()).isEmpty();
      TreeSync.Report report = TreeSync.sync(host, FileManifest.scan(dir.resolve("tree")), "/rootfs", "/rootfs.files");
      assertThat(report.filesSent()).isEqualTo(2);
    }

    assertThat(root.resolve("rootfs/scripts/init.sh")).hasContent("#!/bin/sh");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("rootfs/scripts/init.sh"))))
        .isEqualTo("rwxr-x---");
    assertThat(Files.readSymbolicLink(root.resolve("rootfs/scripts/link"))).isEqualTo(Path.of("init.sh"));
    assertThat(root.resolve("rootfs.files")).content().contains("scripts/init.sh");
    assertThat(Files.readString(dir.resolve("known_hosts"))).startsWith("[127.0.0.1]:");
  }
}
