package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.ImageConfig;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubefile merge}: sealos's merge of cluster images, built without a container runtime;
 * umoci unpacks the result to show the files layered in order.
 */
class MergeCommandTest {
  @TempDir Path tmp;

  private void build(Path store, String name, String kubefile, String... files) throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx-" + name.replaceAll("[^a-z0-9]", "-")));
    for (int i = 0; i < files.length; i += 2) {
      Files.createDirectories(ctx.resolve(files[i]).getParent());
      Files.writeString(ctx.resolve(files[i]), files[i + 1]);
    }
    Files.writeString(ctx.resolve("Kubefile"), kubefile);
    CliRun.Result r = CliRun.run(store, "build", "-q", "--save-image=false", "--identity-label=false", "-t", name,
        ctx.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void labels_and_env_merge_commands_concatenate_and_files_layer_in_argument_order() throws Exception {
    Path store = tmp.resolve("store");
    build(store, "test/kubernetes:v1.25", """
        FROM scratch
        LABEL sealos.io.type=rootfs version=1.25
        ENV criData=/var/lib/containerd registry=sealos.hub
        ENTRYPOINT ["bash"]
        CMD ["init.sh"]
        COPY . .
        """, "bin/kubeadm", "kubeadm 1.25\n", "etc/shared.conf", "from kubernetes\n");
    build(store, "test/helm:v3", """
        FROM scratch
        LABEL sealos.io.type=application version=3
        ENV registry=mirror.local HELM_HOME="/root/.helm home"
        CMD ["helm install app charts/app"]
        COPY . .
        """, "opt/helm", "helm 3\n", "etc/shared.conf", "from helm\n");

    CliRun.Result r = CliRun.run(store, "merge", "-q", "--identity-label=false", "-t", "test/cluster:v1",
        "test/kubernetes:v1.25", "test/helm:v3");

    assertThat(r.exitCode()).as(r.err()).isZero();
    StoredImage merged = ImageStore.open(store).findByName("docker.io/test/cluster:v1").orElseThrow();
    assertThat(r.out().trim()).isEqualTo(merged.id().hex());
    ImageConfig config = merged.config();
    assertThat(config.config().labels()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
        "sealos.io.type", "rootfs", "apps.sealos.io/type", "rootfs", "version", "3"));
    assertThat(config.config().env()).containsExactly(
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HELM_HOME=/root/.helm home", "criData=/var/lib/containerd", "registry=mirror.local");
    assertThat(config.config().entrypoint()).containsExactly("bash");
    assertThat(config.config().cmd()).containsExactly("init.sh", "helm install app charts/app");
    assertThat(config.author()).isEqualTo("labring");
    assertThat(merged.manifest().layers()).as("one layer per input, in order").hasSize(2);

    Path bundle = tmp.resolve("bundle");
    io.kubefile.store.External.run("umoci", "unpack", "--rootless", "--image",
        store + ":docker.io/test/cluster:v1", bundle.toString());
    Path rootfs = bundle.resolve("rootfs");
    assertThat(Files.readString(rootfs.resolve("bin/kubeadm"))).isEqualTo("kubeadm 1.25\n");
    assertThat(Files.readString(rootfs.resolve("opt/helm"))).isEqualTo("helm 3\n");
    assertThat(Files.readString(rootfs.resolve("etc/shared.conf"))).as("the later image's file wins")
        .isEqualTo("from helm\n");
  }

  @Test
  void a_missing_input_is_an_error_naming_it() throws Exception {
    CliRun.Result r = CliRun.run(tmp.resolve("store"), "merge", "--pull=never", "-t", "test/x:v1",
        "test/absent:v1");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("docker.io/test/absent:v1");
  }
}
