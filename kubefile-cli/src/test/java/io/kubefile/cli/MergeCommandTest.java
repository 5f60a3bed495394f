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

  /** Builds {@code name} for {@code platforms} (one, or several into an index) with opt/ARCH naming the image. */
  private void buildPerArch(Path store, String name, String label, String platforms) throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx-" + label));
    for (String arch : new String[] {"amd64", "arm64"}) {
      Files.createDirectories(ctx.resolve("files/" + arch));
      Files.writeString(ctx.resolve("files/" + arch + "/" + label), label + " for " + arch + "\n");
    }
    Files.writeString(ctx.resolve("Kubefile"), """
        FROM scratch
        ARG TARGETARCH
        LABEL %s=${TARGETARCH}
        COPY files/${TARGETARCH} opt
        CMD ["%s"]
        """.formatted(label, label));
    CliRun.Result r = CliRun.run(store, "build", "-q", "--save-image=false", "--identity-label=false",
        "--timestamp", "1700000000", "--platform", platforms, "-t", name, ctx.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void index_inputs_are_merged_per_platform_into_an_index_each_platform_from_its_own_images() throws Exception {
    Path store = tmp.resolve("store");
    buildPerArch(store, "test/kubernetes:v1", "kube", "linux/amd64,linux/arm64");
    buildPerArch(store, "test/helm:v1", "helm", "linux/amd64,linux/arm64");

    CliRun.Result r = CliRun.run(store, "merge", "--identity-label=false", "--timestamp", "1700000000",
        "-t", "test/cluster:v1", "test/kubernetes:v1", "test/helm:v1");

    assertThat(r.exitCode()).as(r.err()).isZero();
    String raw = io.kubefile.store.External.run("skopeo", "inspect", "--raw",
        "oci:" + store + ":docker.io/test/cluster:v1");
    com.fasterxml.jackson.databind.JsonNode index = io.kubefile.image.Json.mapper().readTree(raw);
    assertThat(index.path("manifests")).hasSize(2);
    Path rawFile = Files.writeString(tmp.resolve("index.json"), raw);
    assertThat("sha256:" + r.out().trim()).as("the index digest is printed")
        .isEqualTo(io.kubefile.store.External.run("skopeo", "manifest-digest", rawFile.toString()).trim());
    for (String arch : new String[] {"amd64", "arm64"}) {
      Path layout = tmp.resolve("oci-" + arch);
      io.kubefile.store.External.run("skopeo", "copy", "--override-arch", arch,
          "oci:" + store + ":docker.io/test/cluster:v1", "oci:" + layout + ":img");
      com.fasterxml.jackson.databind.JsonNode config = io.kubefile.image.Json.mapper().readTree(
          io.kubefile.store.External.run("skopeo", "inspect", "--config", "oci:" + layout + ":img"));
      assertThat(config.path("architecture").asText()).isEqualTo(arch);
      assertThat(config.path("config").path("Labels").path("kube").asText()).isEqualTo(arch);
      assertThat(config.path("config").path("Labels").path("helm").asText()).isEqualTo(arch);
      assertThat(config.path("config").path("Cmd").toString()).isEqualTo("[\"kube\",\"helm\"]");
      Path bundle = tmp.resolve("bundle-" + arch);
      io.kubefile.store.External.run("umoci", "unpack", "--rootless", "--image", layout + ":img", bundle.toString());
      assertThat(Files.readString(bundle.resolve("rootfs/opt/kube"))).isEqualTo("kube for " + arch + "\n");
      assertThat(Files.readString(bundle.resolve("rootfs/opt/helm"))).isEqualTo("helm for " + arch + "\n");
    }
  }

  @Test
  void a_platform_missing_from_one_input_is_an_error_naming_the_input_and_the_platform() throws Exception {
    Path store = tmp.resolve("store");
    buildPerArch(store, "test/kubernetes:v1", "kube", "linux/amd64,linux/arm64");
    buildPerArch(store, "test/helm:v1", "helm", "linux/amd64");

    CliRun.Result r = CliRun.run(store, "merge", "-t", "test/cluster:v1", "test/kubernetes:v1", "test/helm:v1");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).isEqualTo("Error: merge: test/helm:v1 has no linux/arm64 image (it has linux/amd64);"
        + " merge only the platforms every input has with --common-platforms, or name them with --platform"
        + System.lineSeparator());
    assertThat(ImageStore.open(store).findByName("docker.io/test/cluster:v1")).as("nothing is written").isEmpty();
  }

  @Test
  void common_platforms_merges_the_platforms_every_input_has() throws Exception {
    Path store = tmp.resolve("store");
    buildPerArch(store, "test/kubernetes:v1", "kube", "linux/amd64,linux/arm64");
    buildPerArch(store, "test/helm:v1", "helm", "linux/arm64,linux/amd64");
    buildPerArch(store, "test/addon:v1", "addon", "linux/arm64");

    CliRun.Result r = CliRun.run(store, "merge", "-q", "--common-platforms", "-t", "test/cluster:v1",
        "test/kubernetes:v1", "test/helm:v1", "test/addon:v1");

    assertThat(r.exitCode()).as(r.err()).isZero();
    StoredImage merged = ImageStore.open(store).findByName("docker.io/test/cluster:v1").orElseThrow();
    assertThat(merged.config().platform().architecture()).isEqualTo("arm64");
    assertThat(merged.config().config().labels()).containsEntry("kube", "arm64").containsEntry("addon", "arm64");
  }

  @Test
  void a_missing_input_is_an_error_naming_it() throws Exception {
    CliRun.Result r = CliRun.run(tmp.resolve("store"), "merge", "--pull=never", "-t", "test/x:v1",
        "test/absent:v1");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("docker.io/test/absent:v1");
  }
}
