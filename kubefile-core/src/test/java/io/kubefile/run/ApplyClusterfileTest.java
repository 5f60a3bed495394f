package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.ssh.HostException;
import io.kubefile.ssh.ClassFixture;
import io.kubefile.ssh.TestHost;
import io.kubefile.ssh.TestHosts;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply -f Clusterfile} on real hosts (host0 master, host1 node; host2 added later): hosts,
 * SSH and images from the file, Config documents changing files on their way to the hosts, the
 * registry set up as sealos scripts expect it, the Clusterfile on the masters, the limit of
 * application commands, and hosts added and deleted.
 */
class ApplyClusterfileTest {
  @TempDir static Path work;
  @RegisterExtension static final ClassFixture<RunFixture> fixture = ClassFixture.of(() -> RunFixture.start(3, work));
  final TestHosts hosts = fixture.get().hosts;
  @TempDir Path runtime;
  final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private String clusterfile(String name, List<String> images, String command) {
    return """
        apiVersion: apps.sealos.io/v1beta1
        kind: Cluster
        metadata:
          name: %1$s
        spec:
          image: [%2$s]
          ssh:
            pk: %3$s
          hosts:
          - ips: [%4$s:22]
            roles: [master, amd64]
          - ips: [%5$s:22]
            roles: [node, amd64]
          command: %8$s
        ---
        apiVersion: apps.sealos.io/v1beta1
        kind: Config
        metadata:
          name: merged
        spec:
          match: %6$s
          strategy: merge
          path: etc/multi.yaml
          data: |
            b:
              c: 20
              d: [z]
            e: new
        ---
        apiVersion: apps.sealos.io/v1beta1
        kind: Config
        metadata:
          name: overridden
        spec:
          path: etc/keep.txt
          strategy: override
          data: replaced
        ---
        apiVersion: apps.sealos.io/v1beta1
        kind: Config
        metadata:
          name: inserted
        spec:
          match: %7$s
          strategy: insert
          path: manifests/app.yaml
          data: "# inserted"
        ---
        apiVersion: apps.sealos.io/v1beta1
        kind: Config
        metadata:
          name: appended
        spec:
          match: %6$s
          strategy: append
          path: etc/new/added.txt
          data: appended
        """.formatted(name, String.join(", ", images), hosts.clientKey(), hosts.host(0).ip(), hosts.host(1).ip(),
        ClusterImages.ROOTFS, ClusterImages.APP, command);
  }

  /** A Clusterfile of the rootfs and {@code image} on one master, host0. */
  private String oneMaster(String name, String image) {
    return """
        apiVersion: apps.sealos.io/v1beta1
        kind: Cluster
        metadata:
          name: %s
        spec:
          image: [%s, %s]
          ssh:
            pk: %s
          hosts:
          - ips: [%s:22]
            roles: [master, amd64]
        """.formatted(name, ClusterImages.ROOTFS, image, hosts.clientKey(), hosts.host(0).ip());
  }

  /** What {@code apply -f} does with the file. */
  private Clusterfile run(String yaml, Duration timeout) throws Exception {
    Clusterfile file = Clusterfile.parse(yaml, "Clusterfile");
    return fixture.get().pipeline(runtime, console).executionTimeout(timeout).run(new RunRequest(file.name(), file.images(),
        List.of(), List.of(), null, Map.of(), List.of(), false, file));
  }

  private static final String SLOW = "[\"sleep 6\", \"echo slow rootfs command > /tmp/slow.txt\"]";

  private static String read(TestHost host, String path) throws Exception {
    Path file = host.path(path);
    return Files.exists(file) ? Files.readString(file) : "<missing>";
  }

  @Test
  void appliesHostsImagesAndConfigsFromTheClusterfileThenOnlyNewImages() throws Exception {
    String rootfs = "/var/lib/sealos/data/cf/rootfs";
    // spec.command replaces the rootfs CMD: it takes 6 s, longer than the application limit of 5 s (R23).
    run(clusterfile("cf", List.of(ClusterImages.ROOTFS, ClusterImages.APP), SLOW), Duration.ofSeconds(5));

    for (TestHost host : hosts.hosts().subList(0, 2)) {
      assertThat(read(host, "/tmp/slow.txt")).isEqualTo("slow rootfs command\n");
      // R29: merge into every YAML document (maps deep, lists replaced); override; append to a missing file.
      assertThat(read(host, rootfs + "/etc/multi.yaml"))
          .isEqualTo("a: 1\nb:\n  c: 20\n  d:\n  - z\ne: new\n---\na: 10\nb:\n  c: 20\n  d:\n  - z\ne: new\n");
      assertThat(read(host, rootfs + "/etc/keep.txt")).isEqualTo("replaced");
      assertThat(read(host, rootfs + "/etc/new/added.txt")).isEqualTo("\nappended");
      assertThat(read(host, rootfs + "/etc/version.txt")).isEqualTo("rootfs\n");
    }
    String app = fixture.get().store.resolve(ClusterImages.APP).orElseThrow().id().hex().substring(0, 8);
    assertThat(read(hosts.host(0), "/var/lib/sealos/data/cf/applications/cf-" + app + "/workdir/manifests/app.yaml"))
        .isEqualTo("# inserted\nkind: ConfigMap\n");
    // The extracted image (shared by every cluster, in the store) is not changed by a Config.
    assertThat(Files.readString(fixture.get().store.imageFilesArea(fixture.get().store.resolve(ClusterImages.ROOTFS).orElseThrow().id())
        .resolve("etc/keep.txt"))).isEqualTo("kept\n");

    // R16: on the registry host the data directory of registry.yml is a symlink to <rootfs>/registry,
    // and the htpasswd holds a bcrypt entry for admin that htpasswd itself accepts.
    TestHost master = hosts.host(0);
    assertThat(master.exec("readlink /var/lib/sealos/registry-data")).isEqualTo(rootfs + "/registry\n");
    assertThat(read(master, rootfs + "/etc/registry_htpasswd")).startsWith("admin:$2y$10$");
    assertThat(master.exec("htpasswd -vb " + rootfs + "/etc/registry_htpasswd admin passw0rd 2>&1"))
        .isEqualTo("Password for user admin correct.\n");
    assertThat(read(hosts.host(1), rootfs + "/etc/registry_htpasswd")).isEqualTo("<missing>");

    // R24: the Clusterfile, with its Config documents and status, at the same path on the master only.
    Path saved = runtime.resolve("sealos/cf/Clusterfile");
    assertThat(read(master, saved.toString())).isEqualTo(Files.readString(saved)).contains("kind: Config");
    assertThat(read(hosts.host(1), saved.toString())).isEqualTo("<missing>");

    // A second apply with one more image installs only that one.
    console.reset();
    master.exec("rm /tmp/slow.txt");
    // (spec.command would replace the CMD of the first image installed, as in sealos: dropped here.)
    run(clusterfile("cf", List.of(ClusterImages.ROOTFS, ClusterImages.APP, ClusterImages.APP2), "[]"), Duration.ofSeconds(30));
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("already installed, skipped (use -f to install again): " + ClusterImages.ROOTFS + ", " + ClusterImages.APP)
        .contains("cluster cf: installed " + ClusterImages.APP2);
    assertThat(read(master, "/tmp/app2-cmd.txt")).isEqualTo("app2\n");
    assertThat(read(master, "/tmp/slow.txt")).isEqualTo("<missing>");
    assertThat(RunFixture.clusterfiles(runtime).load("cf").orElseThrow().mounts()).extracting(Clusterfile.Mount::imageName)
        .containsExactly(ClusterImages.ROOTFS, ClusterImages.APP, ClusterImages.APP2);
  }

  /**
   * SEALOS_RUN.md §2.2: an image's own {@code config.yml} Config documents apply to its files
   * before the Clusterfile's, which win where both change a file; other documents there are the
   * application's business and skipped.
   */
  @Test
  void aHostWithItsOwnEnvGetsTheTemplatesRenderedWithItAsSealosRendersOnEachHost() throws Exception {
    String yaml = """
        apiVersion: apps.sealos.io/v1beta1
        kind: Cluster
        metadata:
          name: hostenv
        spec:
          image: [%s]
          ssh:
            pk: %s
          hosts:
          - ips: [%s:22]
            roles: [master, amd64]
          - ips: [%s:22, %s:22]
            roles: [node, amd64]
            env: [GREETING=hola]
        """.formatted(ClusterImages.ROOTFS, hosts.clientKey(), hosts.host(0).ip(), hosts.host(1).ip(), hosts.host(2).ip());
    run(yaml, Duration.ofSeconds(30));

    String config = "/var/lib/sealos/data/hostenv/rootfs/etc/config.yaml";
    assertThat(read(hosts.host(0), config)).contains("greeting: HELLO\n");
    // Two hosts with the same env (one rendering, shared).
    assertThat(read(hosts.host(1), config)).contains("greeting: HOLA\n");
    assertThat(read(hosts.host(2), config)).contains("greeting: HOLA\n");
    // Everything else is the same on both.
    assertThat(read(hosts.host(1), "/var/lib/sealos/data/hostenv/rootfs/etc/version.txt")).isEqualTo("rootfs\n");
    fixture.get().reset(runtime, console).reset("hostenv");
  }

  @Test
  void anImagesOwnConfigYmlAppliesBeforeTheClusterfilesConfigs() throws Exception {
    String image = "test.local/configured:v1";
    String configYml = """
        # the application's own settings: not a Config, skipped
        kind: AppSettings
        debug: true
        ---
        apiVersion: apps.sealos.io/v1beta1
        kind: Config
        metadata:
          name: image-defaults
        spec:
          path: etc/app.yaml
          strategy: merge
          data: |
            replicas: 2
            mode: from-image
        ---
        apiVersion: apps.sealos.io/v1beta1
        kind: Config
        metadata:
          name: banner
        spec:
          match: %s
          path: etc/banner.txt
          data: from the image
        ---
        apiVersion: apps.sealos.io/v1beta1
        kind: Config
        metadata:
          name: for-another-image
        spec:
          match: test.local/other:v1
          path: etc/banner.txt
          data: not for this image
        """.formatted(image);
    io.kubefile.builder.KubefileBuilder.forContext(ClusterImages.context(work.resolve("contexts/configured"), Map.of(
        "Kubefile", "FROM scratch\nCOPY config.yml config.yml\nCOPY etc etc\nCMD [\"true\"]\n",
        "config.yml", configYml,
        "etc/app.yaml", "replicas: 1\nmode: base\nname: demo\n",
        "etc/banner.txt", "built in\n"))).store(fixture.get().store).tag(image).build();
    run(oneMaster("own", image) + """
        ---
        apiVersion: apps.sealos.io/v1beta1
        kind: Config
        metadata:
          name: from-the-clusterfile
        spec:
          match: %s
          path: etc/app.yaml
          strategy: merge
          data: |
            mode: from-clusterfile
        """.formatted(image), Duration.ofSeconds(30));

    String mount = "own-" + fixture.get().store.resolve(image).orElseThrow().id().hex().substring(0, 8);
    String workdir = "/var/lib/sealos/data/own/applications/" + mount + "/workdir";
    TestHost master = hosts.host(0);
    assertThat(read(master, workdir + "/etc/app.yaml")).isEqualTo("replicas: 2\nmode: from-clusterfile\nname: demo\n");
    assertThat(read(master, workdir + "/etc/banner.txt")).isEqualTo("from the image");
    assertThat(read(master, workdir + "/config.yml")).isEqualTo(configYml);
    // The hosts are shared by this class's tests: stop own's registry and remove its files.
    fixture.get().reset(runtime, console).reset("own");
  }

  @Test
  void anImageConfigYmlThatIsNotYamlFailsNamingImageAndFile() throws Exception {
    String image = "test.local/broken-config:v1";
    io.kubefile.builder.KubefileBuilder.forContext(ClusterImages.context(work.resolve("contexts/broken-config"), Map.of(
        "Kubefile", "FROM scratch\nCOPY config.yml config.yml\n",
        "config.yml", "kind: Config\nspec: [unclosed\n"))).store(fixture.get().store).tag(image).build();
    assertThatThrownBy(() -> run(oneMaster("broken", image), Duration.ofSeconds(30)))
        .isInstanceOf(RunException.class)
        .hasMessage(image + ": config.yml is not valid YAML: line 2: while parsing a flow sequence: expected ',' or ']', but got <stream end>");
    assertThat(Files.exists(hosts.host(0).path("/var/lib/sealos/data/broken"))).isFalse();
  }

  @Test
  void anApplicationCommandOverItsTimeLimitIsStoppedOnTheHostAndFailsNamingHostAndCommand() throws Exception {
    String yaml = clusterfile("slow", List.of(ClusterImages.ROOTFS), "[]");
    run(yaml, Duration.ofSeconds(30));
    RunRequest slowApp = new RunRequest("slow", List.of(ClusterImages.APP), List.of(), List.of(), null, Map.of(),
        List.of("sleep 600"), false, null);
    long start = System.nanoTime();
    assertThatThrownBy(() -> fixture.get().pipeline(runtime, console).executionTimeout(Duration.ofSeconds(2)).run(slowApp))
        .isInstanceOf(HostException.class)
        .hasMessage("CMD of " + ClusterImages.APP + " on " + hosts.host(0).ip() + ":22 did not finish within 2 s and was stopped"
            + " (SEALOS_EXECUTION_TIMEOUT; 0 for no limit): sleep 600");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(300));
    // Stopped for real: nothing of the command is left running on master0 (sshd alone would leave it).
    assertThat(hosts.host(0).processes()).noneMatch(process -> process.contains("sleep 600"));
  }

  @Test
  void anAddedNodeGetsRootfsAndPatchOnlyAndADeletedNodeIsCleaned() throws Exception {
    String yaml = clusterfile("grow", List.of(ClusterImages.ROOTFS, ClusterImages.PATCH, ClusterImages.APP), "[]");
    run(yaml, Duration.ofSeconds(30));
    TestHost added = hosts.host(2);
    String address = added.ip() + ":22";
    Clusterfile.SshSpec key = new Clusterfile.SshSpec(null, null, hosts.clientKey().toString(), null, null);
    assertThatThrownBy(() -> fixture.get().pipeline(runtime, console).add("grow", List.of(), List.of(hosts.host(1).ip() + ":22"), key))
        .isInstanceOf(RunException.class).hasMessage("host " + hosts.host(1).ip() + ":22 already joined");

    console.reset();
    fixture.get().pipeline(runtime, console).add("grow", List.of(), List.of(address), key);
    String rootfs = "/var/lib/sealos/data/grow/rootfs";
    // R30: rootfs and patch files (with the Config documents applied), bootstrap steps and their commands; no application.
    assertThat(read(added, rootfs + "/etc/version.txt")).isEqualTo("patched\n");
    assertThat(read(added, rootfs + "/etc/keep.txt")).isEqualTo("replaced");
    assertThat(read(added, "/tmp/rootfs-cmd.txt")).startsWith("hello v1.25.0");
    assertThat(read(added, "/tmp/patch-cmd.txt")).isEqualTo("patched\n");
    assertThat(read(added, "/tmp/app-cmd.txt")).isEqualTo("<missing>");
    assertThat(Files.exists(added.path("/var/lib/sealos/data/grow/applications"))).isFalse();
    assertThat(read(added, "/etc/hosts")).contains(hosts.host(0).ip() + " sealos.hub\n");
    assertThat(read(added, "/tmp/steps")).contains("check ").contains("init env: hello v1.25.0").doesNotContain("init-registry");
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("kubeadm join is not part of Kubefile: " + address + " got the rootfs files and commands but did not join Kubernetes")
        .contains("cluster grow: added " + address);
    Clusterfile saved = RunFixture.clusterfiles(runtime).load("grow").orElseThrow();
    assertThat(saved.hosts().get(2).ips()).containsExactly(address);
    assertThat(saved.hosts().get(2).roles()).containsExactly("node", RunPipeline.goArch(added.exec("uname -m").strip()));
    // The masters get the Clusterfile that lists the new node.
    assertThat(read(hosts.host(0), runtime.resolve("sealos/grow/Clusterfile").toString())).contains("- " + address);

    // R31: master0 and unknown addresses are refused; a deleted node is cleaned and forgotten.
    ResetPipeline reset = fixture.get().reset(runtime, console);
    assertThatThrownBy(() -> reset.delete("grow", List.of(hosts.host(0).ip() + ":22")))
        .isInstanceOf(RunException.class).hasMessage("master0 machine cannot be deleted");
    assertThatThrownBy(() -> reset.delete("grow", List.of("10.231.0.99:22")))
        .isInstanceOf(RunException.class).hasMessage("parameter error: to delete node IP 10.231.0.99:22 must in cluster IP list");
    reset.delete("grow", List.of(address));
    assertThat(Files.exists(added.path("/var/lib/sealos/data/grow"))).isFalse();
    assertThat(read(added, "/tmp/steps")).contains("clean ");
    assertThat(read(added, "/etc/hosts")).doesNotContain("sealos.hub");
    assertThat(RunFixture.clusterfiles(runtime).load("grow").orElseThrow().allHosts())
        .containsExactly(hosts.host(0).ip() + ":22", hosts.host(1).ip() + ":22");
    // R24 after delete too: the remaining master's Clusterfile no longer lists the deleted node.
    Path local = runtime.resolve("sealos/grow/Clusterfile");
    assertThat(read(hosts.host(0), local.toString())).isEqualTo(Files.readString(local)).doesNotContain(added.ip());

    // SEALOS_SYNC_WORKDIR=false: delete leaves the masters the Clusterfile they had.
    fixture.get().pipeline(runtime, console).add("grow", List.of(), List.of(address), key);
    assertThat(read(hosts.host(0), local.toString())).contains("- " + address);
    fixture.get().reset(runtime, console).syncWorkdir(false).delete("grow", List.of(address));
    assertThat(Files.readString(local)).doesNotContain(added.ip());
    assertThat(read(hosts.host(0), local.toString())).contains("- " + address);
    assertThat(read(hosts.host(1), rootfs + "/etc/version.txt")).isEqualTo("patched\n");

    // A node that cannot be reached is not cleaned, so it stays in the Clusterfile (as reset keeps
    // the file then) until a delete reaches it.
    fixture.get().pipeline(runtime, console).add("grow", List.of(), List.of(address), key);
    console.reset();
    added.stop();
    try {
      assertThatThrownBy(() -> fixture.get().reset(runtime, console).delete("grow", List.of(address)))
          .isInstanceOf(RunException.class)
          .hasMessage("delete from cluster grow finished with errors: cannot connect to " + address + " as root: Connection refused");
      assertThat(console.toString(StandardCharsets.UTF_8))
          .contains("cluster grow: not deleted " + address + " (could not connect); they stay in the Clusterfile: run delete again"
              + " once they can be reached, or delete -f to remove them without cleaning them")
          .doesNotContain("deleted " + address + " (kubeadm");
      assertThat(RunFixture.clusterfiles(runtime).load("grow").orElseThrow().allHosts()).contains(address);
    } finally {
      added.restart();
    }
    fixture.get().reset(runtime, console).delete("grow", List.of(address));
    assertThat(Files.exists(added.path("/var/lib/sealos/data/grow"))).isFalse();
    assertThat(RunFixture.clusterfiles(runtime).load("grow").orElseThrow().allHosts()).doesNotContain(address);

    // A machine that is gone for good: delete -f removes it uncleaned, and the command succeeds.
    fixture.get().pipeline(runtime, console).add("grow", List.of(), List.of(address), key);
    console.reset();
    added.stop();
    try {
      fixture.get().reset(runtime, console).dropUnreachable(true).delete("grow", List.of(address));
      assertThat(console.toString(StandardCharsets.UTF_8)).contains("cluster grow: " + address + " could not be connected to"
          + " (cannot connect to " + address + " as root: Connection refused); removed from the Clusterfile without being cleaned (-f)");
      assertThat(RunFixture.clusterfiles(runtime).load("grow").orElseThrow().allHosts()).doesNotContain(address);
    } finally {
      added.restart();
    }
    assertThat(Files.exists(added.path("/var/lib/sealos/data/grow/rootfs"))).isTrue();
  }

  @Test
  void anAddThatFailsPartWayLeavesTheHostInTheClusterfileSoDeleteCleansIt() throws Exception {
    run(clusterfile("grow-fail", List.of(ClusterImages.ROOTFS), "[]"), Duration.ofSeconds(30));
    TestHost added = hosts.host(2);
    String address = added.ip() + ":22";
    Clusterfile.SshSpec key = new Clusterfile.SshSpec(null, null, hosts.clientKey().toString(), null, null);
    // The added host's rootfs cannot be written there: a file stands where its rootfs directory goes,
    // so the add fails after it has started changing that host.
    added.exec("mkdir -p /var/lib/sealos/data/grow-fail && touch /var/lib/sealos/data/grow-fail/rootfs");
    try {
      assertThatThrownBy(() -> fixture.get().pipeline(runtime, console).add("grow-fail", List.of(), List.of(address), key))
          .isInstanceOf(HostException.class).hasMessage("copying files to /var/lib/sealos/data/grow-fail/rootfs on " + address
              + " failed: /var/lib/sealos/data/grow-fail/rootfs exists and is not a directory");
      assertThat(console.toString(StandardCharsets.UTF_8)).contains("cluster grow-fail: adding " + address
          + " failed part-way; the Clusterfile lists them: `kubefile delete` cleans them, then add them again\n");
      assertThat(RunFixture.clusterfiles(runtime).load("grow-fail").orElseThrow().allHosts()).contains(address);

      fixture.get().reset(runtime, console).delete("grow-fail", List.of(address));
      assertThat(Files.exists(added.path("/var/lib/sealos/data/grow-fail"))).isFalse();
      assertThat(RunFixture.clusterfiles(runtime).load("grow-fail").orElseThrow().allHosts()).doesNotContain(address);
    } finally {
      added.exec("rm -rf /var/lib/sealos/data/grow-fail");
      fixture.get().reset(runtime, console).reset("grow-fail");
    }
  }
}
