package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.ssh.HostUnreachableException;
import io.kubefile.ssh.ClassFixture;
import io.kubefile.ssh.TestHost;
import io.kubefile.ssh.TestHosts;
import io.kubefile.store.ImageStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} on three real hosts (network namespaces running sshd): host0 is master0 and the
 * registry host, host1 and host2 are nodes.
 */
class RunPipelineTest {
  @TempDir static Path work;
  @RegisterExtension static final ClassFixture<RunFixture> fixture = ClassFixture.of(() -> RunFixture.start(3, work));
  final TestHosts hosts = fixture.get().hosts;
  final ImageStore store = fixture.get().store;
  @TempDir Path runtime;
  final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private RunPipeline pipeline() {
    return fixture.get().pipeline(runtime, console);
  }

  private ResetPipeline reset() {
    return fixture.get().reset(runtime, console);
  }

  private RunRequest request(String cluster, List<String> images, Map<String, String> env, List<String> cmd, boolean force) {
    return new RunRequest(cluster, images, List.of(hosts.host(0).ip() + ":22"),
        List.of(hosts.host(1).ip() + ":22", hosts.host(2).ip() + ":22"),
        new Clusterfile.SshSpec("root", null, hosts.clientKey().toString(), null, null), env, cmd, force, null);
  }

  private RunRequest install(String cluster, List<String> images, boolean force) {
    return new RunRequest(cluster, images, List.of(), List.of(), null, Map.of(), List.of(), force, null);
  }

  /** A run of {@code image} as a new cluster on master0 alone, as root. */
  private RunRequest onMaster0(String cluster, String image) {
    return new RunRequest(cluster, List.of(image), List.of(hosts.host(0).ip() + ":22"), List.of(),
        new Clusterfile.SshSpec("root", null, hosts.clientKey().toString(), null, null), Map.of(), List.of(), false, null);
  }

  /** Builds an image of this test's own from {@code files} (name to content) and returns its name. */
  private String image(String name, Map<String, String> files) throws Exception {
    String tag = "test.local/" + name + ":v1";
    io.kubefile.builder.KubefileBuilder.forContext(ClusterImages.context(work.resolve(name), files)).store(store).tag(tag).build();
    return tag;
  }

  private static String read(TestHost host, String path) throws Exception {
    Path file = host.path(path);
    return Files.exists(file) ? Files.readString(file) : "<missing>";
  }

  private String output() {
    return console.toString(StandardCharsets.UTF_8);
  }

  @Test
  void installsRootfsPatchAndApplicationOnRealHostsThenResets() throws Exception {
    String rootfs = "/var/lib/sealos/data/c1/rootfs";
    for (TestHost host : hosts.hosts()) {
      host.exec("rm -f /tmp/steps"); // steps of other tests' clusters on these shared hosts
    }
    pipeline().run(request("c1", List.of(ClusterImages.ROOTFS, ClusterImages.PATCH, ClusterImages.APP),
        Map.of("MODE", "custom"), List.of(), false));

    for (TestHost host : hosts.hosts()) {
      // R11: rootfs and patch files on every host, patch overwriting, without registry/ on nodes.
      assertThat(read(host, rootfs + "/etc/version.txt")).isEqualTo("patched\n");
      assertThat(read(host, rootfs + "/etc/keep.txt")).isEqualTo("kept\n");
      // .tmpl rendered with the image env, the builtins and --env before copying (SEALOS_COMPAT §6.4).
      assertThat(read(host, rootfs + "/etc/config.yaml"))
          .isEqualTo("registry: sealos.hub:5000\nkube: v1.25.0\ngreeting: HELLO\nmissing: <no value>\n");
      assertThat(host.exec("stat -c %a " + rootfs + "/bin/tool; readlink " + rootfs + "/bin/tool-link")).isEqualTo("750\ntool\n");
      // R15: check → /etc/hosts → init-registry (registry host only) → init, each finished everywhere first.
      assertThat(read(host, "/etc/hosts")).contains(hosts.host(0).ip() + " sealos.hub\n");
      // R21/R22: rootfs CMD on every host in <rootfs>, $(VAR) expanded, unknown kept, $$ escaped.
      assertThat(read(host, "/tmp/rootfs-cmd.txt")).isEqualTo("hello v1.25.0 $(UNKNOWN) $HOME\n" + rootfs + "\n");
      assertThat(read(host, "/tmp/patch-cmd.txt")).isEqualTo("patched\n");
      assertThat(read(host, "/tmp/steps")).contains("init env: hello v1.25.0");
    }
    assertThat(Files.exists(hosts.host(1).path(rootfs + "/registry"))).isFalse();
    assertThat(Files.exists(hosts.host(0).path(rootfs + "/registry/docker/registry/v2/repositories/library/payload"))).isTrue();
    assertStepsInOrder();

    // The image's files were extracted once into the store, shared by every cluster and left as
    // they are; the cluster's directory holds only what was rendered with its env.
    io.kubefile.store.StoredImage rootfsImage = store.resolve(ClusterImages.ROOTFS).orElseThrow();
    Path shared = store.imageFilesArea(rootfsImage.id());
    assertThat(shared.resolve("etc/config.yaml.tmpl")).exists();
    assertThat(shared.resolve("etc/config.yaml")).doesNotExist();
    Path mount = runtime.resolve("sealos/c1/mounts/c1-" + rootfsImage.id().hex().substring(0, 8) + ".rendered");
    try (var rendered = Files.walk(mount)) {
      assertThat(rendered.filter(Files::isRegularFile).map(p -> mount.relativize(p).toString()))
          .containsExactly("etc/config.yaml");
    }

    // R10/R20: the application on master0 only, in its workdir, --env over image ENV.
    String app = store.resolve(ClusterImages.APP).orElseThrow().id().hex().substring(0, 8);
    String workdir = "/var/lib/sealos/data/c1/applications/c1-" + app + "/workdir";
    assertThat(read(hosts.host(0), "/tmp/app-cmd.txt")).isEqualTo("demo custom\n" + workdir + "\n");
    assertThat(read(hosts.host(0), workdir + "/manifests/app.yaml")).isEqualTo("kind: ConfigMap\n");
    assertThat(read(hosts.host(1), "/tmp/app-cmd.txt")).isEqualTo("<missing>");

    // R13: the registry host serves registry/ (started by init-registry); a node pulls through sealos.hub.
    assertThat(hosts.host(1).exec("curl -s http://sealos.hub:5000/v2/library/payload/tags/list"))
        .isEqualTo("{\"name\":\"library/payload\",\"tags\":[\"v1\"]}\n");
    assertThat(TestHosts.output("skopeo", "inspect", "--tls-verify=false", "--format", "{{.Name}}",
        "docker://" + hosts.host(0).ip() + ":5000/library/payload:v1")).isEqualTo(hosts.host(0).ip() + ":5000/library/payload\n");

    // R24: the Clusterfile records hosts, images and what is installed.
    Clusterfile saved = new ClusterfileStore(runtime.resolve("sealos")).load("c1").orElseThrow();
    assertThat(saved.phase()).isEqualTo("ClusterSuccess");
    assertThat(saved.images()).containsExactly(ClusterImages.ROOTFS, ClusterImages.PATCH, ClusterImages.APP);
    assertThat(saved.mounts()).extracting(Clusterfile.Mount::type).containsExactly("rootfs", "patch", "application");
    assertThat(saved.mounts().get(2).env()).containsEntry("MODE", "custom");
    assertThat(saved.hosts().get(0).ips()).containsExactly(hosts.host(0).ip() + ":22");

    // Second run of the same images: nothing installed, nothing sent.
    console.reset();
    pipeline().run(install("c1", List.of(ClusterImages.ROOTFS, ClusterImages.PATCH, ClusterImages.APP), false));
    assertThat(output()).contains("already installed, skipped (use -f to install again): " + ClusterImages.ROOTFS)
        .contains("cluster c1: nothing to install");

    // Forced: everything compared by content, nothing re-sent; bootstrap not run again; CMDs run again.
    console.reset();
    hosts.host(1).exec("rm /tmp/rootfs-cmd.txt");
    pipeline().run(install("c1", List.of(ClusterImages.ROOTFS, ClusterImages.PATCH), true));
    for (TestHost host : hosts.hosts()) {
      assertThat(output()).contains(host.ip() + ":22\tfiles of rootfs: 0 sent (0 bytes)");
    }
    assertThat(output()).contains(hosts.host(0).ip() + ":22\tfiles of registry: 0 sent (0 bytes)");
    assertThat(read(hosts.host(1), "/tmp/rootfs-cmd.txt")).startsWith("hello");
    assertThat(read(hosts.host(1), "/tmp/steps").lines().filter(l -> l.startsWith("check ")).count()).isEqualTo(1);

    // A new application image: only it is installed; --cmd replaces its CMD.
    console.reset();
    pipeline().run(new RunRequest("c1", List.of(ClusterImages.APP, ClusterImages.APP2), List.of(), List.of(), null, Map.of(),
        List.of("echo from --cmd $(MISSING) > /tmp/app2-cmd.txt"), false, null));
    assertThat(read(hosts.host(0), "/tmp/app2-cmd.txt")).isEqualTo("from --cmd\n");
    assertThat(output()).contains("skipped (use -f to install again): " + ClusterImages.APP).contains("installed " + ClusterImages.APP2);

    // R32: reset cleans every host, removes the data and the masters' copy of the Clusterfile (R24),
    // moves the Clusterfile aside; a second reset has nothing to do.
    String copy = runtime.resolve("sealos/c1/Clusterfile").toString();
    assertThat(read(hosts.host(0), copy)).contains("kind: Cluster");
    reset().reset("c1");
    assertThat(Files.exists(hosts.host(0).path(runtime.resolve("sealos/c1").toString()))).isFalse();
    for (TestHost host : hosts.hosts()) {
      assertThat(read(host, "/etc/hosts")).doesNotContain("sealos.hub");
      assertThat(Files.exists(host.path("/var/lib/sealos/data/c1"))).isFalse();
      assertThat(read(host, "/tmp/steps")).contains("clean ");
    }
    assertThat(read(hosts.host(0), "/tmp/steps")).contains("clean-registry ");
    assertThat(read(hosts.host(1), "/tmp/steps")).doesNotContain("clean-registry ");
    try (var files = Files.list(runtime.resolve("sealos/c1"))) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.matches("Clusterfile\\.\\d+"));
    }
    assertThatThrownBy(() -> reset().reset("c1")).isInstanceOf(RunException.class)
        .hasMessage("cluster c1: nothing to reset (no Clusterfile at " + runtime.resolve("sealos/c1/Clusterfile") + ")");
  }

  /** Every host finished each step before any host started the next (timestamps from /tmp/steps). */
  private void assertStepsInOrder() throws Exception {
    List<String> order = List.of("check", "init-registry", "init");
    long previousEnd = 0;
    for (String step : order) {
      long start = Long.MAX_VALUE;
      long end = 0;
      for (TestHost host : hosts.hosts()) {
        for (String line : read(host, "/tmp/steps").lines().toList()) {
          String[] parts = line.split(" ");
          if (parts[0].equals(step) && parts.length > 1 && parts[1].matches("\\d+")) {
            long time = Long.parseLong(parts[1]);
            start = Math.min(start, time);
            end = Math.max(end, time);
          }
        }
      }
      assertThat(start).as(step + " ran").isNotEqualTo(Long.MAX_VALUE);
      assertThat(start).as(step + " started after the previous step ended everywhere").isGreaterThan(previousEnd);
      previousEnd = end;
    }
    assertThat(read(hosts.host(1), "/tmp/steps")).doesNotContain("init-registry");
    assertThat(read(hosts.host(0), "/tmp/steps")).contains("check ").contains(" hello\n");
  }

  @Test
  void aHostThatIsDownStopsTheRunBeforeAnyHostIsChanged() throws Exception {
    TestHost down = hosts.host(2);
    down.stop();
    try {
      assertThatThrownBy(() -> pipeline().run(request("c2", List.of(ClusterImages.ROOTFS), Map.of(), List.of(), false)))
          .isInstanceOf(HostUnreachableException.class)
          .hasMessage("cannot connect to " + down.ip() + ":22 as root: Connection refused");
      assertThat(Files.exists(hosts.host(0).path("/var/lib/sealos/data/c2"))).isFalse();
      assertThat(Files.exists(hosts.host(1).path("/var/lib/sealos/data/c2"))).isFalse();
    } finally {
      down.restart();
    }
  }

  @Test
  void aClusterInstalledUnderAnotherDataRootIsFoundThereByLaterCommands() throws Exception {
    // Under the hosts' own /tmp (each host binds its own).
    pipeline().dataRoot("/tmp/kf-root").run(request("c-root", List.of(ClusterImages.ROOTFS), Map.of(), List.of(), false));
    assertThat(Files.exists(hosts.host(1).path("/tmp/kf-root/data/c-root/rootfs/etc/version.txt"))).isTrue();
    assertThat(Files.exists(hosts.host(1).path("/var/lib/sealos/data/c-root"))).isFalse();
    assertThat(RunFixture.clusterfiles(runtime).load("c-root").orElseThrow().dataRoot()).isEqualTo("/tmp/kf-root");

    // Another root for the installed cluster is refused before anything is done...
    assertThatThrownBy(() -> reset().dataRoot("/var/lib/sealos").reset("c-root"))
        .hasMessage("cluster c-root has its files under /tmp/kf-root on its hosts (as its Clusterfile records),"
            + " but SEALOS_DATA_ROOT is /var/lib/sealos: unset it, or set it to /tmp/kf-root");
    assertThat(Files.exists(hosts.host(1).path("/tmp/kf-root/data/c-root/rootfs"))).isTrue();
    // ...and a reset that is not told the root (a sudo that dropped the variable) cleans where the files are.
    reset().reset("c-root");
    for (TestHost host : hosts.hosts()) {
      assertThat(Files.exists(host.path("/tmp/kf-root/data/c-root"))).as(host.ip()).isFalse();
    }
  }

  @Test
  void applyingAHandWrittenClusterfileToAClusterUnderAnotherDataRootInstallsThereAndKeepsItsRecord() throws Exception {
    ClusterfileStore clusterfiles = RunFixture.clusterfiles(runtime);
    pipeline().dataRoot("/tmp/kf-apply").run(request("c-apply-root", List.of(ClusterImages.ROOTFS), Map.of(), List.of(), false));
    String record = Files.readString(clusterfiles.path("c-apply-root"));
    String created = record.lines().filter(l -> l.strip().startsWith("creationTimestamp:")).findFirst().orElseThrow();
    // A file as a user writes it: hosts, ssh and images, none of what a run records.
    String yaml = """
        kind: Cluster
        metadata: {name: c-apply-root}
        spec:
          image: [%s, %s]
          ssh: {pk: %s}
          hosts:
          - {ips: ['%s:22'], roles: [master]}
          - {ips: ['%s:22', '%s:22'], roles: [node]}
        """;
    Clusterfile withApp = Clusterfile.parse(yaml.formatted(ClusterImages.ROOTFS, ClusterImages.APP, hosts.clientKey(),
        hosts.host(0).ip(), hosts.host(1).ip(), hosts.host(2).ip()), "Clusterfile");
    try {
      // SEALOS_DATA_ROOT as at the run: accepted (it was refused, the file having no annotation).
      pipeline().dataRoot("/tmp/kf-apply").run(new RunRequest("c-apply-root", withApp.images(), List.of(), List.of(), null,
          Map.of(), List.of(), false, withApp));
      String app = "c-apply-root-" + store.resolve(ClusterImages.APP).orElseThrow().id().hex().substring(0, 8);
      assertThat(read(hosts.host(0), "/tmp/kf-apply/data/c-apply-root/applications/" + app + "/workdir/manifests/app.yaml"))
          .isEqualTo("kind: ConfigMap\n");

      // Unset (a sudo that dropped it): the files still go where the cluster is (they went to /var/lib/sealos).
      Clusterfile withApp2 = Clusterfile.parse(yaml.replace("image: [%s, %s]", "image: [%s, %s, " + ClusterImages.APP2 + "]")
          .formatted(ClusterImages.ROOTFS, ClusterImages.APP, hosts.clientKey(), hosts.host(0).ip(), hosts.host(1).ip(),
              hosts.host(2).ip()), "Clusterfile");
      pipeline().run(new RunRequest("c-apply-root", withApp2.images(), List.of(), List.of(), null, Map.of(), List.of(), false,
          withApp2));
      String app2 = "c-apply-root-" + store.resolve(ClusterImages.APP2).orElseThrow().id().hex().substring(0, 8);
      assertThat(Files.exists(hosts.host(0).path("/tmp/kf-apply/data/c-apply-root/applications/" + app2 + "/workdir"))).isTrue();
      assertThat(Files.exists(hosts.host(0).path("/var/lib/sealos/data/c-apply-root"))).isFalse();

      // The record keeps the data root, the creation time and the conditions of every run.
      Clusterfile saved = clusterfiles.load("c-apply-root").orElseThrow();
      assertThat(saved.dataRoot()).isEqualTo("/tmp/kf-apply");
      assertThat(Files.readString(clusterfiles.path("c-apply-root"))).contains(created + "\n");
      assertThat(saved.conditions()).extracting(c -> c.get("message")).containsExactly(
          "applied images: " + ClusterImages.ROOTFS, "applied images: " + ClusterImages.APP, "applied images: " + ClusterImages.APP2);
    } finally {
      // ...so reset finds the clean scripts and cleans every host.
      reset().reset("c-apply-root");
    }
    for (TestHost host : hosts.hosts()) {
      assertThat(Files.exists(host.path("/tmp/kf-apply/data/c-apply-root"))).as(host.ip()).isFalse();
    }
  }

  @Test
  void aResetThatCouldNotReachAHostKeepsTheClusterfileAndASecondResetFinishes() throws Exception {
    pipeline().run(request("c-retry", List.of(ClusterImages.ROOTFS), Map.of(), List.of(), false));
    TestHost down = hosts.host(2);
    Path clusterfile = RunFixture.clusterfiles(runtime).path("c-retry");
    down.stop();
    try {
      assertThatThrownBy(() -> reset().reset("c-retry"))
          .isInstanceOf(RunException.class)
          .hasMessage("reset of cluster c-retry finished with errors: cannot connect to " + down.ip() + ":22 as root: Connection refused");
      assertThat(output()).contains("cluster c-retry: not reset on " + down.ip() + ":22 (not reachable); its Clusterfile stays at "
          + clusterfile + ": run reset again once they are reachable\n");
      assertThat(clusterfile).exists();
      assertThat(Files.exists(hosts.host(0).path("/var/lib/sealos/data/c-retry"))).isFalse();
    } finally {
      down.restart();
    }
    assertThat(Files.exists(down.path("/var/lib/sealos/data/c-retry/rootfs/scripts"))).isTrue();

    // The hosts cleaned already have no scripts to run again: no errors there.
    reset().reset("c-retry");
    assertThat(Files.exists(down.path("/var/lib/sealos/data/c-retry"))).isFalse();
    assertThat(clusterfile).doesNotExist();
    assertThat(output()).contains("cluster c-retry reset; its Clusterfile is kept as ");
  }

  @Test
  void eachHostGroupIsTaggedWithTheArchitectureItsFirstHostReports() throws Exception {
    TestHost node = hosts.host(2);
    node.restartWithPersonality("linux32");
    try {
      pipeline().run(new RunRequest("c5", List.of(ClusterImages.ROOTFS), List.of(hosts.host(0).ip() + ":22"),
          List.of(node.ip() + ":22"), new Clusterfile.SshSpec("root", null, hosts.clientKey().toString(), null, null),
          Map.of(), List.of(), false, null));
      Clusterfile saved = new ClusterfileStore(runtime.resolve("sealos")).load("c5").orElseThrow();
      String master = RunPipeline.goArch(hosts.host(0).exec("uname -m").strip());
      // sshd of the node and its commands run with the 32-bit personality: uname -m there says i686 (armv8l on arm64).
      String node32 = master.equals("amd64") ? "386" : "arm";
      assertThat(saved.hosts()).extracting(Clusterfile.HostSpec::roles)
          .containsExactly(List.of("master", master), List.of("node", node32));
      // The hosts are shared by this class's tests: stop c5's registry and remove its files.
      reset().reset("c5");
    } finally {
      node.restartWithPersonality(null);
    }
  }

  @Test
  void settingASystemVariableIsAnError() throws Exception {
    assertThatThrownBy(() -> pipeline().run(request("c3", List.of(ClusterImages.ROOTFS),
        Map.of("SEALOS_SYS_KUBE_VERSION", "v9"), List.of(), false)))
        .isInstanceOf(RunException.class)
        .hasMessage("SEALOS_SYS_KUBE_VERSION is set by Kubefile and cannot be set in --env");
  }

  @Test
  void aVariableNameAShellCannotExportIsAnErrorBeforeAnyHostIsChanged() throws Exception {
    assertThatThrownBy(() -> pipeline().run(request("c-names", List.of(ClusterImages.ROOTFS), Map.of("my-var", "1"), List.of(), false)))
        .isInstanceOf(RunException.class)
        .hasMessage("invalid environment variable name \"my-var\" in --env");
    image("dotted-env", Map.of(
        "Kubefile", "FROM scratch\nLABEL sealos.io.type=rootfs\nENV app.mode=fast\nCOPY scripts scripts\n",
        "scripts/check.sh", "#!/bin/bash\ntrue\n"));
    assertThatThrownBy(() -> pipeline().run(request("c-names", List.of("test.local/dotted-env:v1"), Map.of(), List.of(), false)))
        .isInstanceOf(RunException.class)
        .hasMessage("invalid environment variable name \"app.mode\" in the ENV of image test.local/dotted-env:v1");
    assertThat(RunFixture.clusterfiles(runtime).load("c-names")).isEmpty();
    assertThat(Files.exists(hosts.host(0).path("/var/lib/sealos/data/c-names"))).isFalse();
  }

  @Test
  void applicationImagesAloneCannotCreateACluster() throws Exception {
    assertThatThrownBy(() -> pipeline().run(request("c4", List.of(ClusterImages.APP), Map.of(), List.of(), false)))
        .isInstanceOf(RunException.class)
        .hasMessage("can't apply application type images only since RootFS type image is not applied yet");
  }

  @Test
  void cmdWithoutAnApplicationImageIsAnErrorBeforeAnyHostIsChanged() throws Exception {
    assertThatThrownBy(() -> pipeline().run(request("c-cmd", List.of(ClusterImages.ROOTFS, ClusterImages.PATCH), Map.of(),
        List.of("echo replaced"), false)))
        .isInstanceOf(RunException.class)
        .hasMessage("--cmd replaces the CMD of application images, and this run installs none ("
            + ClusterImages.ROOTFS + ", " + ClusterImages.PATCH + ")");
    assertThat(Files.exists(hosts.host(0).path("/var/lib/sealos/data/c-cmd"))).isFalse();
  }

  @Test
  void aRunWithAnotherImageAfterAFailedRunInstallsTheUnfinishedImagesFirst() throws Exception {
    assertThatThrownBy(() -> pipeline().run(request("c-resume", List.of(ClusterImages.ROOTFS, ClusterImages.APP), Map.of(),
        List.of("exit 3"), false)))
        .hasMessage("CMD of " + ClusterImages.APP + " failed on " + hosts.host(0).ip() + ":22 with exit status 3");
    try {
      Files.deleteIfExists(hosts.host(0).path("/tmp/app-cmd.txt"));
      console.reset();
      pipeline().run(install("c-resume", List.of(ClusterImages.APP2), false));
      assertThat(output())
          .contains("cluster c-resume: the previous run did not finish (phase ClusterFailed, last error: CMD of " + ClusterImages.APP
              + " failed on " + hosts.host(0).ip() + ":22 with exit status 3); installed so far: " + ClusterImages.ROOTFS
              + "; resuming with " + ClusterImages.APP + " first\n")
          .contains("cluster c-resume: installed " + ClusterImages.APP + ", " + ClusterImages.APP2 + "\n");
      assertThat(read(hosts.host(0), "/tmp/app-cmd.txt")).startsWith("demo default\n");
      Clusterfile saved = new ClusterfileStore(runtime.resolve("sealos")).load("c-resume").orElseThrow();
      assertThat(saved.phase()).isEqualTo("ClusterSuccess");
      assertThat(saved.mounts()).extracting(Clusterfile.Mount::imageName)
          .containsExactly(ClusterImages.ROOTFS, ClusterImages.APP, ClusterImages.APP2);
    } finally {
      reset().reset("c-resume");
    }
  }

  @Test
  void applyingAClusterfileWithOtherHostsToASavedClusterChangesNothing() throws Exception {
    ClusterfileStore clusterfiles = RunFixture.clusterfiles(runtime);
    String master = hosts.host(0).ip() + ":22";
    String node = hosts.host(1).ip() + ":22";
    String added = hosts.host(2).ip() + ":22";
    Clusterfile saved = Clusterfile.parse("""
        kind: Cluster
        metadata: {name: c-hosts, creationTimestamp: "2026-01-01T00:00:00Z"}
        spec:
          image: [%1$s]
          hosts:
          - {ips: [%2$s], roles: [master, amd64]}
          - {ips: [%3$s], roles: [node, amd64]}
        status:
          phase: ClusterSuccess
          mounts:
          - {name: c-hosts-00000000, type: rootfs, imageName: %1$s}
        """.formatted(ClusterImages.ROOTFS, master, node), "saved");
    clusterfiles.save(saved);
    String before = Files.readString(clusterfiles.path("c-hosts"));
    Clusterfile given = Clusterfile.parse("""
        kind: Cluster
        metadata: {name: c-hosts}
        spec:
          image: [%s, %s]
          ssh: {pk: %s}
          hosts:
          - {ips: [%s], roles: [master]}
          - {ips: [%s], roles: [node]}
        """.formatted(ClusterImages.ROOTFS, ClusterImages.PATCH, hosts.clientKey(), master, added), "Clusterfile");
    assertThatThrownBy(() -> pipeline().run(new RunRequest("c-hosts", List.of(), List.of(), List.of(), null, Map.of(), List.of(),
        false, given)))
        .isInstanceOf(RunException.class)
        .hasMessage("cluster c-hosts exists (" + clusterfiles.path("c-hosts") + ") and apply does not change its hosts yet:"
            + " use kubefile add for " + added + "; use kubefile delete for " + node + "; nothing was changed");
    assertThat(Files.readString(clusterfiles.path("c-hosts"))).isEqualTo(before);
    assertThat(Files.exists(hosts.host(2).path("/var/lib/sealos/data/c-hosts"))).isFalse();
  }

  @Test
  void aRegistryThatNeverAnswersFailsTheRunAfterTheWaitNamingHostAndPort() throws Exception {
    // init-registry starts nothing, and nothing listens on the image's registryPort.
    String image = image("silent-registry", Map.of(
        "Kubefile", """
            FROM scratch
            ENV registryPort=5999
            LABEL sealos.io.type=rootfs init-registry="init-registry.sh" check="true.sh" init="true.sh"
            COPY scripts scripts
            COPY etc etc
            """,
        "etc/registry.yml", "data: /var/lib/sealos/registry-data\n",
        "scripts/init-registry.sh", "#!/bin/bash\necho not starting a registry\n",
        "scripts/true.sh", "#!/bin/bash\ntrue\n",
        // no clean labels: reset runs the default scripts
        "scripts/clean.sh", "#!/bin/bash\ntrue\n",
        "scripts/clean-registry.sh", "#!/bin/bash\ntrue\n"));
    RunPipeline pipeline = pipeline().registryWait(java.time.Duration.ofSeconds(1));
    String master0 = hosts.host(0).ip();
    try {
      assertThatThrownBy(() -> pipeline.run(onMaster0("c-silent", image)))
          .isInstanceOf(io.kubefile.ssh.HostException.class)
          .hasMessage("the registry sealos.hub:5999 (" + master0 + ") did not answer within 1 s after init-registry on "
              + master0 + ":22; see its output above");
      assertThat(output()).contains(master0 + ":22\tnot starting a registry");
    } finally {
      reset().reset("c-silent");
    }
  }

  @Test
  void aRegistryPortThatIsNotAPortNumberIsAnErrorBeforeAnyHostIsChanged() throws Exception {
    // Before, the run went on and failed after the whole registry wait, blaming the registry.
    for (String port : List.of("5000x", "0", "65536")) {
      assertThatThrownBy(() -> pipeline().run(request("c-port", List.of(ClusterImages.ROOTFS), Map.of("registryPort", port),
          List.of(), false)))
          .isInstanceOf(RunException.class)
          .hasMessage("registryPort must be a port number from 1 to 65535, not \"" + port + "\"");
    }
    assertThat(RunFixture.clusterfiles(runtime).load("c-port")).isEmpty();
    assertThat(Files.exists(hosts.host(0).path("/var/lib/sealos/data/c-port"))).isFalse();
  }

  @Test
  void aRegistryDomainWithShellCharactersIsWaitedForAsItIsAndRunsNothing() throws Exception {
    TestHost master0 = hosts.host(0);
    String domain = "sealos.hub;touch /tmp/kf-pwned;false";
    RunRequest request = new RunRequest("c-domain", List.of(ClusterImages.ROOTFS), List.of(master0.ip() + ":22"), List.of(),
        new Clusterfile.SshSpec("root", null, hosts.clientKey().toString(), null, null), Map.of("registryDomain", domain),
        List.of(), false, null);
    try {
      // No such name resolves: the wait fails, naming the domain as given.
      assertThatThrownBy(() -> pipeline().registryWait(java.time.Duration.ofSeconds(1)).run(request))
          .isInstanceOf(io.kubefile.ssh.HostException.class)
          .hasMessage("the registry " + domain + ":5000 (" + master0.ip() + ") did not answer within 1 s after init-registry on "
              + master0.ip() + ":22; see its output above");
      // Unquoted, the wait ran the touch at every poll.
      assertThat(Files.exists(master0.path("/tmp/kf-pwned"))).isFalse();
    } finally {
      reset().reset("c-domain");
      Files.deleteIfExists(master0.path("/tmp/kf-pwned"));
      // reset removes the names of /etc/hosts field by field: a name with spaces stays (the hosts are shared).
      Path etcHosts = master0.path("/etc/hosts");
      Files.write(etcHosts, Files.readAllLines(etcHosts).stream().filter(line -> !line.contains("kf-pwned")).toList());
    }
  }

  @Test
  void aSudoThatRefusesThePasswordFailsTheRunWithSudosMessageBeforeAnyHostIsChanged() throws Exception {
    // The login succeeds with a key; the password, wrong, is sudo's.
    TestHost master0 = hosts.host(0);
    Path key = hosts.scratch().resolve("user-key-" + java.util.UUID.randomUUID());
    TestHosts.check("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", key.toString());
    Path authorized = master0.path("/home/" + TestHosts.USER + "/.ssh/authorized_keys");
    Files.createDirectories(authorized.getParent());
    Files.writeString(authorized, Files.readString(Path.of(key + ".pub")));
    TestHosts.check("chown", "-R", "4242:4242", authorized.getParent().toString());
    try {
      RunRequest request = new RunRequest("c-sudo", List.of(ClusterImages.ROOTFS), List.of(master0.ip() + ":22"), List.of(),
          new Clusterfile.SshSpec(TestHosts.USER, "wrong", key.toString(), null, null), Map.of(), List.of(), false, null);
      // Before, the message ended at "exited with status 1", which says nothing of sudo.
      assertThatThrownBy(() -> pipeline().run(request))
          .isInstanceOf(RunException.class)
          .hasMessage("cannot tell the architecture of " + master0.ip() + ":22: uname -m exited with status 1:"
              + " Sorry, try again.; sudo: no password was provided; sudo: 1 incorrect password attempt");
      assertThat(RunFixture.clusterfiles(runtime).load("c-sudo")).isEmpty();
      assertThat(Files.exists(master0.path("/var/lib/sealos/data/c-sudo"))).isFalse();
    } finally {
      Files.deleteIfExists(authorized);
    }
  }

  @Test
  void aHostsTreesSentAtOnceShareItsLanesSoASudoRunStaysWithinSshdsSessions() throws Exception {
    // master0 gets the rootfs and the registry content at once. Through sudo, each transfer ends
    // with a sudo command on a channel of its own, and sshd counts every channel of the connection
    // (MaxSessions). Two trees of four lanes each needed 1 + 8 + 8 channels: a command failed to
    // open. Sharing the four lanes needs at most 1 + 4 + 4.
    TestHost master0 = hosts.host(0);
    master0.restartWithSshdLine("MaxSessions 9");
    try {
      pipeline().run(new RunRequest("c-sessions", List.of(ClusterImages.ROOTFS), List.of(master0.ip() + ":22"), List.of(),
          new Clusterfile.SshSpec(io.kubefile.ssh.TestHosts.USER, io.kubefile.ssh.TestHosts.USER_PASSWORD, null, null, null),
          Map.of(), List.of(), false, null));
      assertThat(output()).contains(master0.ip() + ":22\tfiles of rootfs: ").contains(master0.ip() + ":22\tfiles of registry: ")
          .contains("cluster c-sessions: installed " + ClusterImages.ROOTFS);
      reset().reset("c-sessions");
    } finally {
      master0.restartWithSshdLine(null);
    }
  }

  @Test
  void aRootfsWhoseRegistryYmlIsNotYamlFailsBeforeAnyHostIsChanged() throws Exception {
    // Read with the image's other files, while the hosts are being reached: before, it was read
    // after every file had been sent, and the run failed with the files on the hosts.
    String image = image("bad-registry-yml", Map.of(
        "Kubefile", """
            FROM scratch
            LABEL sealos.io.type=rootfs check="true.sh"
            COPY scripts scripts
            COPY etc etc
            """,
        "etc/registry.yml", "data: [\n",
        "scripts/true.sh", "#!/bin/bash\ntrue\n"));
    assertThatThrownBy(() -> pipeline().run(onMaster0("c-bad-yml", image)))
        .isInstanceOf(RunException.class)
        .hasMessageStartingWith("etc/registry.yml of the rootfs is not valid YAML: ");
    assertThat(Files.exists(hosts.host(0).path("/var/lib/sealos/data/c-bad-yml"))).isFalse();
    assertThat(RunFixture.clusterfiles(runtime).load("c-bad-yml")).isEmpty();
  }

  @Test
  void resetAfterARunThatFailedPartWayRunsTheCleanScriptsTheImageLabels() throws Exception {
    // check fails: nothing is recorded as installed, yet the files are on the host and the run
    // may have started services; reset must run the image's own clean scripts, with its ENV.
    String image = image("failing-check", Map.of(
        "Kubefile", """
            FROM scratch
            ENV criData=/var/lib/cri-test
            LABEL sealos.io.type=rootfs check="refuse.sh" clean="teardown.sh \\$criData" clean-registry="teardown.sh registry"
            COPY scripts scripts
            """,
        "scripts/refuse.sh", "#!/bin/bash\necho this host is not ready\nexit 3\n",
        "scripts/teardown.sh", "#!/bin/bash\necho \"teardown $1\" >> /tmp/failed-run-teardown.txt\n"));
    TestHost master0 = hosts.host(0);
    Files.deleteIfExists(master0.path("/tmp/failed-run-teardown.txt"));
    assertThatThrownBy(() -> pipeline().run(onMaster0("c-failed", image)))
        .isInstanceOf(io.kubefile.ssh.CommandFailedException.class)
        .hasMessage("the check script failed on " + master0.ip() + ":22 with exit status 3");
    assertThat(new ClusterfileStore(runtime.resolve("sealos")).load("c-failed").orElseThrow().mounts()).isEmpty();

    reset().reset("c-failed");

    assertThat(read(master0, "/tmp/failed-run-teardown.txt")).isEqualTo("teardown registry\nteardown /var/lib/cri-test\n");
    assertThat(output()).contains("cluster c-failed reset; its Clusterfile is kept as ");
    assertThat(Files.exists(master0.path("/var/lib/sealos/data/c-failed"))).isFalse();
  }

  @Test
  void aResetThatLosesAHostsConnectionPartWayReportsTheStepsThatCouldNotRunAndASecondResetFinishes() throws Exception {
    // The image's clean script kills the sshd process of its own connection (once). That command
    // ends without a status, and the steps after it cannot start on the host: they must be among
    // reset's errors, with the Clusterfile kept for a second reset. The thread that cleaned the
    // host used to die with that error, printing a stack trace, and reset counted the host as cleaned.
    String image = image("session-dropping-clean", Map.of(
        "Kubefile", """
            FROM scratch
            LABEL sealos.io.type=rootfs check="refuse.sh" clean="drop-session.sh"
            COPY scripts scripts
            """,
        "scripts/refuse.sh", "#!/bin/bash\nexit 3\n",
        "scripts/clean-registry.sh", "#!/bin/bash\ntrue\n",
        "scripts/drop-session.sh", """
            #!/bin/bash
            [ -e /tmp/session-dropped ] && exit 0
            touch /tmp/session-dropped
            p=$$
            while [ "$p" -gt 1 ]; do
              p=$(awk '{print $4}' /proc/$p/stat)
              if [ "$(cat /proc/$p/comm)" = sshd ]; then kill -9 "$p"; exit 0; fi
            done
            """));
    TestHost master0 = hosts.host(0);
    Files.deleteIfExists(master0.path("/tmp/session-dropped"));
    assertThatThrownBy(() -> pipeline().run(onMaster0("c-dropped", image)))
        .isInstanceOf(io.kubefile.ssh.CommandFailedException.class);
    Path clusterfile = RunFixture.clusterfiles(runtime).path("c-dropped");
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    java.io.PrintStream stderr = System.err;
    System.setErr(new java.io.PrintStream(errors, true, StandardCharsets.UTF_8));
    try {
      assertThatThrownBy(() -> reset().reset("c-dropped"))
          .isInstanceOf(RunException.class)
          .hasMessage("reset of cluster c-dropped finished with errors: " + master0.ip() + ":22: `cd /var/lib/sealos/data/c-dropped/rootfs/scripts"
              + " && bash drop-session.sh` exited with status 255; running a command on " + master0.ip() + ":22 failed: the connection was closed");
    } finally {
      System.setErr(stderr);
    }
    assertThat(errors.toString(StandardCharsets.UTF_8)).doesNotContain("Exception");
    assertThat(output()).contains("cluster c-dropped: not reset on " + master0.ip() + ":22 (connection lost part-way); its Clusterfile stays at "
        + clusterfile + ": run reset again once they are reachable\n");
    assertThat(clusterfile).exists();
    assertThat(Files.exists(master0.path("/var/lib/sealos/data/c-dropped/rootfs/scripts"))).as("its removal did not run").isTrue();

    reset().reset("c-dropped");
    assertThat(clusterfile).doesNotExist();
    assertThat(Files.exists(master0.path("/var/lib/sealos/data/c-dropped"))).isFalse();
  }

  @Test
  void aFailedRunWhoseRecordCannotReachTheMasterStillFailsWithWhyTheRunFailed() throws Exception {
    String image = image("refusing-check", Map.of(
        "Kubefile", """
            FROM scratch
            LABEL sealos.io.type=rootfs check="refuse.sh"
            COPY scripts scripts
            """,
        "scripts/refuse.sh", "#!/bin/bash\necho this host is not ready\nexit 3\n",
        // no clean labels: reset runs the default scripts
        "scripts/clean.sh", "#!/bin/bash\ntrue\n",
        "scripts/clean-registry.sh", "#!/bin/bash\ntrue\n"));
    TestHost master0 = hosts.host(0);
    // The Clusterfile cannot be copied to master0: a file stands where the cluster's directory goes.
    Path clusterDir = runtime.resolve("sealos/c-unrecorded");
    master0.exec("mkdir -p " + clusterDir.getParent() + " && touch " + clusterDir);
    try {
      Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> pipeline().run(onMaster0("c-unrecorded", image)));

      assertThat(failure).isInstanceOf(io.kubefile.ssh.CommandFailedException.class)
          .hasMessage("the check script failed on " + master0.ip() + ":22 with exit status 3");
      String copyFailure = master0.ip() + ":22: " + clusterDir + " exists and is not a directory";
      assertThat(failure.getSuppressed()).extracting(Throwable::getMessage).containsExactly(copyFailure);
      assertThat(output()).contains("cluster c-unrecorded: the run failed, and recording that failed too: " + copyFailure + "\n");
      assertThat(new ClusterfileStore(runtime.resolve("sealos")).load("c-unrecorded").orElseThrow().phase())
          .as("recorded here all the same").isEqualTo(Clusterfile.PHASE_FAILED);
    } finally {
      reset().reset("c-unrecorded");
    }
  }
}
