package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.builder.KubefileBuilder;
import io.kubefile.ssh.ClassFixture;
import io.kubefile.ssh.TestHost;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** File names a shell would split or expand, empty files and directories, links: they reach the host as they are. */
class OddFileNamesRunTest {
  @TempDir static Path work;
  @RegisterExtension static final ClassFixture<RunFixture> fixture = ClassFixture.of(() -> RunFixture.start(1, work));
  @TempDir Path runtime;
  final ByteArrayOutputStream console = new ByteArrayOutputStream();

  @Test
  void oddNamesReachTheHostUnchanged() throws Exception {
    Path context = ClusterImages.context(work.resolve("odd"), Map.of(
        "Kubefile", """
            FROM scratch
            LABEL sealos.io.type=rootfs check="true.sh" init="true.sh" clean="true.sh" init-registry="true.sh" clean-registry="true.sh"
            ENV registryPort=22
            COPY scripts scripts
            COPY files files
            COPY etc etc
            CMD ["ls -la files > /tmp/odd-ls.txt"]
            """,
        // the registry's data directory becomes a link: kept inside the test host's own files
        "etc/registry.yml", "data: /var/lib/sealos/registry-data\n",
        "scripts/true.sh", "#!/bin/bash\ntrue\n",
        "files/dir with space/it's $HOME `id` \"q\".txt", "quoted\n",
        "files/ünïcödé/файл.txt", "unicode\n",
        "files/empty.txt", "",
        "files/" + "d".repeat(200) + "/" + "f".repeat(200) + ".txt", "long\n",
        "files/-dash.txt", "dash\n"));
    Files.createDirectories(context.resolve("files/empty dir"));
    Files.createSymbolicLink(context.resolve("files/outside"), Path.of("/etc/hostname"));
    Files.createSymbolicLink(context.resolve("files/dangling"), Path.of("../../nowhere"));
    KubefileBuilder.forContext(context).store(fixture.get().store).tag("test.local/odd:v1").build();
    TestHost host = fixture.get().hosts.host(0);
    RunPipeline pipeline = fixture.get().pipeline(runtime, console);
    RunRequest request = new RunRequest("odd", List.of("test.local/odd:v1"), List.of(host.ip() + ":22"), List.of(),
        new Clusterfile.SshSpec("root", null, fixture.get().hosts.clientKey().toString(), null, null), Map.of(), List.of(), false, null);
    try {
      pipeline.run(request);
      String root = "/var/lib/sealos/data/odd/rootfs/files/";
      assertThat(Files.readString(host.path(root + "dir with space/it's $HOME `id` \"q\".txt"))).isEqualTo("quoted\n");
      assertThat(Files.readString(host.path(root + "ünïcödé/файл.txt"))).isEqualTo("unicode\n");
      assertThat(Files.size(host.path(root + "empty.txt"))).isZero();
      assertThat(Files.readString(host.path(root + "d".repeat(200) + "/" + "f".repeat(200) + ".txt"))).isEqualTo("long\n");
      assertThat(Files.readString(host.path(root + "-dash.txt"))).isEqualTo("dash\n");
      assertThat(Files.isDirectory(host.path(root + "empty dir"))).isTrue();
      assertThat(Files.readSymbolicLink(host.path(root + "outside"))).isEqualTo(Path.of("/etc/hostname"));
      assertThat(Files.readSymbolicLink(host.path(root + "dangling"))).isEqualTo(Path.of("../../nowhere"));
      console.reset();
      pipeline.run(new RunRequest("odd", List.of("test.local/odd:v1"), List.of(), List.of(), null, Map.of(), List.of(), true, null));
      assertThat(console.toString(StandardCharsets.UTF_8)).contains("files of rootfs: 0 sent (0 bytes)");
    } finally {
      if (RunFixture.clusterfiles(runtime).load("odd").isPresent()) {
        fixture.get().reset(runtime, console).reset("odd");
      }
    }
  }
}
