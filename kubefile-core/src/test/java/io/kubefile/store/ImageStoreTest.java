package io.kubefile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.initscript.WorkingCopy;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
  @TempDir Path root;

  @Test
  void a_new_store_is_an_oci_image_layout() throws IOException {
    ImageStore.open(root);
    assertThat(Files.readString(root.resolve("oci-layout")))
        .isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
    JsonNode index = Json.mapper().readTree(root.resolve("index.json").toFile());
    assertThat(index.get("schemaVersion").asInt()).isEqualTo(2);
    // The image-layout spec requires the array even when empty (issue #12 item 11).
    assertThat(index.get("manifests")).isNotNull();
    assertThat(index.get("manifests").isArray()).isTrue();
    assertThat(index.get("manifests")).isEmpty();
    assertThat(root.resolve("blobs/sha256")).isDirectory();
  }

  @Test
  void blobs_round_trip_under_their_digest() throws IOException {
    ImageStore store = ImageStore.open(root);
    byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
    BlobInfo info = store.putBlob(content);
    assertThat(info.digest()).isEqualTo(Digest.sha256(content));
    assertThat(info.size()).isEqualTo(5);
    assertThat(store.hasBlob(info.digest())).isTrue();
    assertThat(store.blobPath(info.digest())).isEqualTo(root.resolve("blobs/sha256/" + info.digest().hex()));
    assertThat(store.readBlob(info.digest())).isEqualTo(content);
    assertThat(store.blobSize(info.digest())).isEqualTo(5);
    try (var in = store.openBlob(info.digest())) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void a_digest_mismatch_stores_nothing_and_names_both_digests() throws IOException {
    ImageStore store = ImageStore.open(root);
    Digest wrong = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
    BlobWriter writer = store.newBlobWriter();
    writer.write("hello".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> writer.commit(wrong))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("expected " + wrong)
        .hasMessageContaining(Digest.sha256("hello".getBytes(StandardCharsets.UTF_8)).toString());
    assertThat(filesUnder(root.resolve("blobs"))).isEmpty();
    assertThat(filesUnder(root.resolve(".tmp"))).isEmpty();
  }

  @Test
  void a_writer_closed_without_commit_leaves_nothing() throws IOException {
    ImageStore store = ImageStore.open(root);
    try (BlobWriter writer = store.newBlobWriter()) {
      writer.write(new byte[10]);
    }
    assertThat(filesUnder(root.resolve("blobs"))).isEmpty();
    assertThat(filesUnder(root.resolve(".tmp"))).isEmpty();
  }

  @Test
  void a_session_lock_another_writer_is_still_opening_survives_reclaiming_and_a_dead_one_does_not()
      throws IOException {
    Path tmp = Files.createDirectories(root.resolve(".tmp"));
    Path opening = tmp.resolve("opening" + TempArea.LOCK_SUFFIX + ".new");
    Path dead = Files.writeString(tmp.resolve("dead" + TempArea.LOCK_SUFFIX + ".new"), "");
    try (FileChannel other = FileChannel.open(opening, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      other.lock(); // as a writer starting at this moment holds it, until it renames it to .lock
      Files.setLastModifiedTime(opening, FileTime.fromMillis(0));
      Files.setLastModifiedTime(dead, FileTime.fromMillis(0));

      ImageStore.open(root).newTempPath("first-write-");

      assertThat(opening).as("a live writer's lock file is not a stale temp file").exists();
      assertThat(dead).as("nobody holds it: its writer was killed while opening").doesNotExist();
    }
  }

  @Test
  void import_blob_links_a_file_without_copying() throws IOException {
    ImageStore store = ImageStore.open(root);
    Path file = store.newTempPath("test-");
    Files.writeString(file, "layer");
    Digest digest = Digest.sha256("layer".getBytes(StandardCharsets.UTF_8));
    BlobInfo info = store.importBlob(file, digest);
    assertThat(info.size()).isEqualTo(5);
    assertThat(store.readBlob(digest)).asString(StandardCharsets.UTF_8).isEqualTo("layer");
    assertThat(Files.isSameFile(file, store.blobPath(digest))).isTrue();
  }

  @Test
  void images_are_found_by_full_name_id_and_id_prefix() throws IOException {
    ImageStore store = ImageStore.open(root);
    Descriptor manifest = TestImages.store(store, "hello", true);
    store.tag("docker.io/example/hello:v1", manifest);

    StoredImage byName = store.resolve("docker.io/example/hello:v1").orElseThrow();
    assertThat(byName.name()).isEqualTo("docker.io/example/hello:v1");
    assertThat(byName.manifestDescriptor().digest()).isEqualTo(manifest.digest());
    assertThat(byName.config().config().labels()).containsEntry("seed", "hello");
    Digest id = byName.id();
    assertThat(id).isEqualTo(byName.manifest().config().digest());

    assertThat(store.resolve(id.toString())).get().extracting(StoredImage::id).isEqualTo(id);
    assertThat(store.resolve(id.hex())).get().extracting(StoredImage::id).isEqualTo(id);
    assertThat(store.resolve(id.hex().substring(0, 3))).get().extracting(StoredImage::id).isEqualTo(id);
    assertThat(store.resolve(id.hex().substring(0, 2))).isEmpty();
    assertThat(store.resolve("example/hello:v1")).isEmpty(); // the store takes full names only
    assertThat(NameLookup.find(store, "example/hello:v1")).isPresent();
  }

  @Test
  void names_are_recorded_as_ref_name_annotations_one_entry_per_name() throws IOException {
    ImageStore store = ImageStore.open(root);
    Descriptor manifest = TestImages.store(store, "hello", false);
    store.tag("docker.io/example/hello:v1", manifest);
    store.tag("docker.io/example/hello:latest", manifest);
    store.tag("docker.io/example/hello:v1", manifest); // again: replaces, not duplicates

    ImageIndex index = Json.read(Files.readAllBytes(root.resolve("index.json")), ImageIndex.class, "index");
    assertThat(index.manifests())
        .extracting(d -> d.annotation(ImageStore.REF_NAME))
        .containsExactlyInAnyOrder("docker.io/example/hello:v1", "docker.io/example/hello:latest");
    assertThat(index.manifests()).allMatch(d -> d.mediaType().equals(MediaTypes.OCI_MANIFEST));
    assertThat(store.list()).hasSize(2);
    assertThat(store.namesOf(store.list().get(0).id()))
        .containsExactly("docker.io/example/hello:latest", "docker.io/example/hello:v1");
  }

  @Test
  void tagging_a_missing_manifest_is_refused() throws IOException {
    ImageStore store = ImageStore.open(root);
    Descriptor absent = Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(new byte[1]), 1);
    assertThatThrownBy(() -> store.tag("docker.io/library/x:1", absent))
        .hasMessageContaining("not in the store");
  }

  @Test
  void unnamed_images_are_listed_and_disappear_when_named() throws IOException {
    ImageStore store = ImageStore.open(root);
    Descriptor manifest = TestImages.store(store, "anon", false);
    store.addUnnamed(manifest);
    store.addUnnamed(manifest);
    assertThat(store.list()).singleElement().satisfies(i -> assertThat(i.isNamed()).isFalse());
    store.tag("docker.io/library/anon:1", manifest);
    assertThat(store.list()).singleElement().extracting(StoredImage::name).isEqualTo("docker.io/library/anon:1");
  }

  @Test
  void an_ambiguous_id_prefix_is_an_error() throws IOException {
    ImageStore store = ImageStore.open(root);
    // Store images until two IDs share their first 3 hex digits (birthday bound: ~80 images).
    java.util.Map<String, String> idByPrefix = new java.util.HashMap<>();
    String clash = null;
    for (int i = 0; clash == null; i++) {
      Descriptor manifest = TestImages.store(store, "img" + i, false);
      store.tag("docker.io/library/img:" + i, manifest);
      String id = store.resolve("docker.io/library/img:" + i).orElseThrow().id().hex();
      if (idByPrefix.putIfAbsent(id.substring(0, 3), id) != null) {
        clash = id.substring(0, 3);
      }
    }
    String prefix = clash;
    assertThatThrownBy(() -> store.resolve(prefix))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("ambiguous");
    assertThatThrownBy(() -> store.resolve("sha256:" + prefix)).hasMessageContaining("ambiguous");
  }

  @Test
  void removing_by_name_untags_only_that_name() throws IOException {
    ImageStore store = ImageStore.open(root);
    Descriptor manifest = TestImages.store(store, "hello", false);
    store.tag("docker.io/example/hello:v1", manifest);
    store.tag("docker.io/example/hello:v2", manifest);

    RemovedImage removed = store.remove("docker.io/example/hello:v1", false);
    assertThat(removed.untaggedNames()).containsExactly("docker.io/example/hello:v1");
    assertThat(removed.deleted()).isFalse();
    assertThat(store.list()).extracting(StoredImage::name).containsExactly("docker.io/example/hello:v2");

    removed = store.remove("docker.io/example/hello:v2", false);
    assertThat(removed.deleted()).isTrue();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void removing_by_id_an_image_with_several_names_needs_force() throws IOException {
    ImageStore store = ImageStore.open(root);
    Descriptor manifest = TestImages.store(store, "hello", false);
    store.tag("docker.io/example/hello:v1", manifest);
    store.tag("docker.io/example/hello:v2", manifest);
    String id = store.list().get(0).id().hex();

    assertThatThrownBy(() -> store.remove(id.substring(0, 12), false))
        .hasMessageContaining("more than one tag")
        .hasMessageContaining("please force removal");
    RemovedImage removed = store.remove(id.substring(0, 12), true);
    assertThat(removed.untaggedNames()).hasSize(2);
    assertThat(store.list()).isEmpty();
    assertThatThrownBy(() -> store.remove("docker.io/example/hello:v1", false))
        .isInstanceOf(ImageNotKnownException.class)
        .hasMessage("image not known: docker.io/example/hello:v1");
  }

  @Test
  void prune_deletes_only_unreachable_blobs_and_temp_files() throws IOException {
    ImageStore store = ImageStore.open(root);
    Descriptor kept = TestImages.store(store, "kept", true);
    store.tag("docker.io/library/kept:1", kept);
    Descriptor dropped = TestImages.store(store, "dropped", true);
    store.tag("docker.io/library/dropped:1", dropped);
    store.untag("docker.io/library/dropped:1");
    Files.writeString(store.newTempPath("stale-"), "half a blob");
    long before = filesUnder(root.resolve("blobs")).size();

    PruneReport report = store.prune();

    assertThat(report.removedBlobs()).hasSize(4).contains(dropped.digest()); // manifest, config, 2 layers
    assertThat(report.removedTempFiles()).isEqualTo(1);
    assertThat(report.bytesFreed()).isPositive();
    assertThat(filesUnder(root.resolve("blobs"))).hasSize((int) before - 4);
    assertThat(store.resolve("docker.io/library/kept:1")).isPresent();
    assertThat(store.prune().removedBlobs()).isEmpty();
  }

  @Test
  void prune_deletes_the_extracted_files_of_images_no_longer_stored() throws IOException {
    ImageStore store = ImageStore.open(root);
    Descriptor kept = TestImages.store(store, "kept", true);
    store.tag("docker.io/library/kept:1", kept);
    Descriptor dropped = TestImages.store(store, "dropped", true);
    store.tag("docker.io/library/dropped:1", dropped);
    Digest keptId = store.resolve("docker.io/library/kept:1").orElseThrow().id();
    Digest droppedId = store.resolve("docker.io/library/dropped:1").orElseThrow().id();
    for (Digest id : List.of(keptId, droppedId)) {
      Files.createDirectories(store.imageFilesArea(id).resolve("opt"));
      Files.writeString(store.imageFilesArea(id).resolve("opt/file"), "content");
      Files.writeString(store.imageFilesArea(id).resolveSibling(id.hex() + ".files"), "manifest");
    }
    Path interrupted = store.imageFilesArea(droppedId).resolveSibling("." + droppedId.hex() + ".extracting-1");
    Files.createDirectories(interrupted);
    store.untag("docker.io/library/dropped:1");

    PruneReport report = store.prune();

    assertThat(report.removedImageFileTrees()).isEqualTo(1);
    assertThat(store.imageFilesArea(droppedId)).doesNotExist();
    assertThat(store.imageFilesArea(droppedId).resolveSibling(droppedId.hex() + ".files")).doesNotExist();
    assertThat(interrupted).as("an interrupted extraction's leftovers").doesNotExist();
    assertThat(store.imageFilesArea(keptId).resolve("opt/file")).hasContent("content");
    assertThat(store.imageFilesArea(keptId).resolveSibling(keptId.hex() + ".files")).hasContent("manifest");
  }

  @Test
  void prune_deletes_kept_build_context_copies_that_no_build_holds(@TempDir Path context)
      throws IOException {
    ImageStore store = ImageStore.open(root);
    Files.writeString(context.resolve("Kubefile"), "FROM scratch\n");
    Platform arm = Platform.parse("linux/arm64");
    Platform amd = Platform.parse("linux/amd64");
    WorkingCopy.kept(context, store.keptContextArea(context, arm)).close();

    try (WorkingCopy inUse = WorkingCopy.kept(context, store.keptContextArea(context, amd))) {
      PruneReport report = store.prune();

      assertThat(report.removedContextCopies()).isEqualTo(1);
      assertThat(store.keptContextArea(context, arm)).doesNotExist();
      assertThat(inUse.path().resolve("Kubefile")).as("the copy a build holds stays").hasContent("FROM scratch\n");
    }
    assertThat(store.prune().removedContextCopies()).isEqualTo(1);
    assertThat(store.keptContextArea(context, amd).getParent()).doesNotExist();
    assertThat(context.resolve("Kubefile")).as("the user's context is not touched").hasContent("FROM scratch\n");
  }

  @Test
  void a_multi_arch_index_resolves_to_the_host_platform() throws IOException {
    ImageStore store = ImageStore.open(root);
    Platform host = Platform.host();
    Platform other = new Platform(host.architecture().equals("amd64") ? "arm64" : "amd64", "linux", null);
    Descriptor otherManifest = TestImages.store(store, "other", false, other).withPlatform(other);
    Descriptor hostManifest = TestImages.store(store, "host", false, host).withPlatform(host);
    ImageIndex index = ImageIndex.oci(List.of(otherManifest, hostManifest));
    Descriptor indexDescriptor = store.putBlob(Json.bytes(index)).descriptor(MediaTypes.OCI_INDEX);
    store.tag("docker.io/library/multi:1", indexDescriptor);

    StoredImage image = store.resolve("docker.io/library/multi:1").orElseThrow();
    assertThat(image.entry().digest()).isEqualTo(indexDescriptor.digest());
    assertThat(image.manifestDescriptor().digest()).isEqualTo(hostManifest.digest());
    assertThat(image.config().config().labels()).containsEntry("seed", "host");
    assertThat(store.prune().removedBlobs()).isEmpty(); // both platforms are reachable
  }

  @Test
  void default_root_follows_kubefile_root_then_xdg_then_home() {
    assertThat(ImageStore.defaultRoot(Map.of("KUBEFILE_ROOT", "/a", "XDG_DATA_HOME", "/x")))
        .isEqualTo(Path.of("/a"));
    assertThat(ImageStore.defaultRoot(Map.of("XDG_DATA_HOME", "/x", "HOME", "/h")))
        .isEqualTo(Path.of("/x/kubefile"));
    assertThat(ImageStore.defaultRoot(Map.of("HOME", "/h")))
        .isEqualTo(Path.of("/h/.local/share/kubefile"));
  }

  @Test
  void name_lookup_tries_the_name_as_typed_then_dockers_normalization() {
    assertThat(NameLookup.candidates("nginx")).containsExactly("nginx", "docker.io/library/nginx:latest");
    assertThat(NameLookup.candidates("docker.io/library/nginx:latest"))
        .containsExactly("docker.io/library/nginx:latest");
    assertThat(NameLookup.normalize("example/hello:v1")).isEqualTo("docker.io/example/hello:v1");
    assertThat(NameLookup.normalize("nginx")).isEqualTo("docker.io/library/nginx:latest");
    assertThat(NameLookup.normalize("localhost:5000/a/b")).isEqualTo("localhost:5000/a/b:latest");
    assertThat(NameLookup.normalize("quay.io/a/b@sha256:" + "0".repeat(64)))
        .isEqualTo("quay.io/a/b@sha256:" + "0".repeat(64));
  }

  /** Regular files below {@code dir}, except the temp area's session lock files (they hold no data). */
  static List<Path> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().endsWith(TempArea.LOCK_SUFFIX))
          .toList();
    }
  }

  @Test
  void an_index_without_the_hosts_platform_is_resolved_by_the_platform_rule_never_by_its_first_entry()
      throws IOException {
    ImageStore store = ImageStore.open(root);
    List<Platform> others = Stream.of("linux/s390x", "linux/ppc64le", "linux/riscv64")
        .map(Platform::parse).filter(p -> !p.matches(Platform.host())).limit(2).toList();
    Descriptor first = TestImages.store(store, "first", false, others.get(0)).withPlatform(others.get(0));
    Descriptor second = TestImages.store(store, "second", false, others.get(1)).withPlatform(others.get(1));
    Descriptor two = store.putBlob(Json.bytes(ImageIndex.oci(List.of(first, second)))).descriptor(MediaTypes.OCI_INDEX);
    Descriptor one = store.putBlob(Json.bytes(ImageIndex.oci(List.of(second)))).descriptor(MediaTypes.OCI_INDEX);
    store.tag("docker.io/example/two:v1", two);
    store.tag("docker.io/example/one:v1", one);

    Descriptor twoEntry = store.findByName("docker.io/example/two:v1").orElseThrow().entry();
    assertThatThrownBy(() -> store.imageOf(twoEntry))
        .isInstanceOf(io.kubefile.image.NoMatchingPlatformException.class)
        .hasMessage("image docker.io/example/two:v1 has no " + Platform.host() + " image in the store but several"
            + " others (" + others.get(0) + ", " + others.get(1) + "): choose one with --platform");
    assertThat(store.imageOf(one).manifestDescriptor().digest()).isEqualTo(second.digest()); // nothing to choose
    assertThat(store.imageOf(two, others.get(1)).manifestDescriptor().digest()).isEqualTo(second.digest());
    // Names and listings still find it, to inspect, save or remove it whole.
    assertThat(store.list()).extracting(StoredImage::name).contains("docker.io/example/two:v1", "docker.io/example/one:v1");
  }
}
