package io.kubefile.run;

import io.kubefile.builder.KubefileBuilder;
import io.kubefile.distribution.RegistryServer;
import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Cluster images built by Kubefile for the run tests: a rootfs whose label scripts log each step
 * (with a timestamp) to {@code /tmp/steps} and whose {@code init-registry} starts Debian's
 * {@code docker-registry} on {@code <rootfs>/registry}; a patch; applications.
 */
public final class ClusterImages {
  public static final String ROOTFS = "test.local/rootfs:v1";
  public static final String PATCH = "test.local/patch:v1";
  public static final String APP = "test.local/app:v1";
  public static final String APP2 = "test.local/app2:v1";
  public static final String PAYLOAD = "test.local/payload:v1";

  private ClusterImages() {}

  /** Builds all images into {@code store}; the rootfs's {@code registry/} holds {@code library/payload:v1}. */
  public static void build(ImageStore store, Path dir) throws IOException {
    Path payload = context(dir.resolve("payload"), Map.of(
        "Kubefile", "FROM scratch\nCOPY data.txt data.txt\n",
        "data.txt", "payload\n"));
    KubefileBuilder.forContext(payload).store(store).tag(PAYLOAD).build();

    Path rootfs = dir.resolve("rootfs");
    String step = "echo \"$(basename $0 .sh) $(date +%s%N) $*\" >> /tmp/steps\n";
    context(rootfs, Map.of(
        "Kubefile", """
            FROM scratch
            LABEL sealos.io.type=rootfs sealos.io.version=v1beta1 version=v1.25.0
            LABEL init-registry="init-registry.sh \\$registryPort" check="check.sh \\$GREETING"
            ENV registryDomain=sealos.hub registryPort=5000 GREETING=hello
            COPY scripts scripts
            COPY etc etc
            COPY bin bin
            COPY registry registry
            CMD ["printf '%s\\\\n' '$(GREETING) $(SEALOS_SYS_KUBE_VERSION) $(UNKNOWN) $$HOME' > /tmp/rootfs-cmd.txt", "pwd >> /tmp/rootfs-cmd.txt"]
            """,
        "scripts/check.sh", step,
        "scripts/init.sh", step + "echo \"init env: $GREETING $SEALOS_SYS_KUBE_VERSION\" >> /tmp/steps\n",
        "scripts/init-registry.sh", step + """
            cat > /tmp/registry.yml <<EOF
            version: 0.1
            storage:
              filesystem:
                rootdirectory: $(cd .. && pwd)/registry
            http:
              addr: :$1
            EOF
            setsid docker-registry serve /tmp/registry.yml > /tmp/registry.log 2>&1 < /dev/null &
            echo $! > /tmp/registry.pid
            """,
        "scripts/clean.sh", step,
        // Waits until the registry is gone: tests share hosts, and the next cluster's registry
        // cannot listen on the port while this one is still shutting down.
        "scripts/clean-registry.sh", step + "pid=$(cat /tmp/registry.pid); kill $pid\n"
            + "for i in $(seq 200); do kill -0 $pid 2>/dev/null || exit 0; sleep 0.05; done; exit 1\n",
        "etc/version.txt", "rootfs\n",
        "etc/keep.txt", "kept\n",

        "etc/config.yaml.tmpl", "registry: {{ .registryDomain }}:{{ .registryPort }}\nkube: {{ .SEALOS_SYS_KUBE_VERSION }}\n"
            + "greeting: {{ .GREETING | upper }}\nmissing: {{ .NOPE }}\n",
        "bin/tool", "#!/bin/sh\necho tool\n"));
    Files.writeString(rootfs.resolve("etc/multi.yaml"), "a: 1\nb:\n  c: 2\n  d: [x, y]\n---\na: 10\n");
    // The registry's data directory becomes a symlink (R16): kept inside the test hosts' own files.
    Files.writeString(rootfs.resolve("etc/registry.yml"), "data: /var/lib/sealos/registry-data\nusername: admin\npassword: passw0rd\n");
    Files.setPosixFilePermissions(rootfs.resolve("bin/tool"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.createSymbolicLink(rootfs.resolve("bin/tool-link"), Path.of("tool"));
    try (RegistryServer registry = RegistryServer.serve(rootfs.resolve("registry"), dir.resolve("registry-server"))) {
      io.kubefile.ssh.TestHosts.check("skopeo", "copy", "-q", "--dest-tls-verify=false",
          "oci:" + store.root() + ":" + PAYLOAD, "docker://" + registry.host() + "/library/payload:v1");
    }
    KubefileBuilder.forContext(rootfs).store(store).tag(ROOTFS).build();

    KubefileBuilder.forContext(context(dir.resolve("patch"), Map.of(
        "Kubefile", """
            FROM scratch
            LABEL sealos.io.type=patch
            COPY etc etc
            CMD ["cp etc/version.txt /tmp/patch-cmd.txt"]
            """,
        "etc/version.txt", "patched\n"))).store(store).tag(PATCH).build();

    KubefileBuilder.forContext(context(dir.resolve("app"), Map.of(
        "Kubefile", """
            FROM scratch
            ENV NAME=demo MODE=default
            COPY manifests manifests
            CMD ["echo $(NAME) $MODE > /tmp/app-cmd.txt", "pwd >> /tmp/app-cmd.txt"]
            """,
        "manifests/app.yaml", "kind: ConfigMap\n"))).store(store).tag(APP).build();

    KubefileBuilder.forContext(context(dir.resolve("app2"), Map.of(
        "Kubefile", """
            FROM scratch
            COPY manifests manifests
            CMD ["echo app2 > /tmp/app2-cmd.txt"]
            """,
        "manifests/app2.yaml", "kind: Secret\n"))).store(store).tag(APP2).build();
  }

  /** Writes a build context: {@code files} by relative path ({@code .sh} files executable). */
  static Path context(Path dir, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
      if (file.getKey().endsWith(".sh")) {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    return dir;
  }
}
