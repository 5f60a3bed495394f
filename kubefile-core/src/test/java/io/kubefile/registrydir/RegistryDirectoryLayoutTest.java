package io.kubefile.registrydir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.image.Digest;
import io.kubefile.image.ImageReference;
import io.kubefile.image.MediaTypes;
import io.kubefile.registrydir.TestImages.Blob;
import io.kubefile.registrydir.TestImages.Image;
import io.kubefile.registrydir.TestImages.MultiPlatformImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tree written into registry/ is distribution's filesystem layout, file for file. */
class RegistryDirectoryLayoutTest {
  private static final String V2 = "docker/registry/v2/";

  @TempDir Path context;

  private RegistryDirectory registry() throws IOException {
    return RegistryDirectory.open(context.resolve("registry"));
  }

  private static Path layoutFixture() {
    String shared = System.getProperty("kubefile.shared");
    Path root = shared != null ? Path.of(shared) : Path.of("..", "..", "shared");
    return root.resolve("fixtures/sealos/derived/10-registry-layout/layout.md");
  }

  @Test
  void anImageTaggedInDefaultModeHasExactlyTheFilesOfTheFixtureLayout() throws IOException {
    String layout = Files.readString(layoutFixture());
    ImageReference source = ImageReference.parse("docker.io/library/nginx:1.25.0");
    StorageTarget target = RepositoryNaming.targetOf(source);
    assertThat(layout).contains(target.repository() + "/").contains("tags/" + target.tag().orElseThrow() + "/");

    Image image = TestImages.dockerImage("nginx", "amd64");
    RegistryDirectory registry = registry();
    Digest manifest = image.storeIn(registry, target.repository());
    registry.tag(target.repository(), target.tag().orElseThrow(), manifest);

    Set<String> expected = expectedFilesFromFixture(layout, target.repository(), image);
    assertThat(RegistryTreeFiles.files(registry.root())).isEqualTo(expected);
  }

  /**
   * Expands the fixture's tree: {@code <X.hex[0:2]>/<X.hex>/data} lines are blobs, {@code _layers/…} and
   * {@code _manifests/…} lines are repository files; L is the manifest, C the config, Bi each layer.
   */
  private static Set<String> expectedFilesFromFixture(String layout, String repository, Image image) {
    Pattern blobLine = Pattern.compile("<(\\w+)\\.hex\\[0:2\\]>/<\\1\\.hex>/data");
    Pattern repositoryLine = Pattern.compile("(_layers|_manifests)/\\S+/link");
    Set<String> expected = new TreeSet<>();
    for (String line : layout.split("\n")) {
      String comment = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
      Matcher blob = blobLine.matcher(comment);
      if (blob.find()) {
        for (Digest digest : digestsFor(blob.group(1), image)) {
          expected.add(V2 + "blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex() + "/data");
        }
      }
      Matcher repositoryFile = repositoryLine.matcher(comment);
      if (repositoryFile.find()) {
        String template = repositoryFile.group();
        Matcher symbol = Pattern.compile("<(\\w+)\\.hex>").matcher(template);
        if (symbol.find()) {
          for (Digest digest : digestsFor(symbol.group(1), image)) {
            expected.add(V2 + "repositories/" + repository + "/" + template.replace(symbol.group(), digest.hex()));
          }
        } else {
          expected.add(V2 + "repositories/" + repository + "/" + template);
        }
      }
    }
    // blobs L, C, B1, B2; layer links C, B1, B2; revision, tag current, tag index
    assertThat(expected).as("paths read from the fixture").hasSize(4 + 3 + 3);
    return expected;
  }

  private static List<Digest> digestsFor(String symbol, Image image) {
    return switch (symbol) {
      case "L" -> List.of(image.digest());
      case "C" -> List.of(image.config().digest());
      case "Bi" -> image.layers().stream().map(Blob::digest).toList();
      default -> throw new AssertionError("unknown symbol in layout.md: " + symbol);
    };
  }

  @Test
  void everyLinkHoldsTheDigestWithoutATrailingNewline() throws IOException {
    Image image = TestImages.ociImage("app", "amd64");
    RegistryDirectory registry = registry();
    Digest manifest = image.storeIn(registry, "team/app");
    registry.tag("team/app", "v1", manifest);

    String repo = V2 + "repositories/team/app/";
    Path root = registry.root();
    assertThat(RegistryTreeFiles.read(root, repo + "_manifests/tags/v1/current/link")).isEqualTo(manifest.toString());
    assertThat(RegistryTreeFiles.read(root, repo + "_manifests/tags/v1/index/sha256/" + manifest.hex() + "/link"))
        .isEqualTo(manifest.toString());
    assertThat(RegistryTreeFiles.read(root, repo + "_manifests/revisions/sha256/" + manifest.hex() + "/link"))
        .isEqualTo(manifest.toString());
    for (Blob blob : image.blobs()) {
      assertThat(RegistryTreeFiles.read(root, repo + "_layers/sha256/" + blob.digest().hex() + "/link"))
          .isEqualTo(blob.digest().toString());
    }
    assertThat(RegistryTreeFiles.files(root)).noneMatch(f -> f.contains("_layers/sha256/" + manifest.hex()));
  }

  @Test
  void anIndexStoredWithAllKeepsItsChildrenAsUntaggedRevisionsWithTheirBlobsLinked() throws IOException {
    MultiPlatformImage index = TestImages.ociIndex("cilium");
    RegistryDirectory registry = registry();
    Digest digest = index.storeIn(registry, "cilium/cilium");
    registry.tag("cilium/cilium", "v1.12.0", digest);

    assertThat(registry.resolveTag("cilium/cilium", "v1.12.0")).contains(digest);
    List<Digest> expectedRevisions = new ArrayList<>(List.of(digest));
    index.platforms().forEach(p -> expectedRevisions.add(p.digest()));
    assertThat(registry.manifests("cilium/cilium")).containsExactlyInAnyOrderElementsOf(expectedRevisions);
    Set<String> files = RegistryTreeFiles.files(registry.root());
    for (Image platform : index.platforms()) {
      for (Blob blob : platform.blobs()) {
        assertThat(files).contains(V2 + "repositories/cilium/cilium/_layers/sha256/" + blob.digest().hex() + "/link");
      }
    }
    assertThat(files).filteredOn(f -> f.contains("/_manifests/tags/")).hasSize(2);
  }

  @Test
  void anIndexIsRefusedUntilItsChildManifestsAreStoredInTheRepository() throws IOException {
    MultiPlatformImage index = TestImages.ociIndex("cilium");
    RegistryDirectory registry = registry();
    index.platforms().get(0).storeIn(registry, "cilium/cilium");

    assertThatThrownBy(() -> registry.putManifest("cilium/cilium", index.index(), MediaTypes.OCI_INDEX))
        .isInstanceOf(MissingContentException.class)
        .hasMessageContaining(index.platforms().get(1).digest().toString());
    assertThat(registry.hasManifest("cilium/cilium", index.digest())).isFalse();
  }

  @Test
  void aManifestIsRefusedWhileABlobItNamesIsMissingAndNothingIsLinked() throws IOException {
    Image image = TestImages.dockerImage("nginx", "amd64");
    RegistryDirectory registry = registry();
    registry.putBlob(image.config().descriptor(), new ByteArrayInputStream(image.config().bytes()));

    assertThatThrownBy(() -> registry.putManifest("library/nginx", image.manifest(), image.mediaType()))
        .isInstanceOf(MissingContentException.class)
        .satisfies(e -> assertThat(((MissingContentException) e).missing())
            .containsExactlyElementsOf(image.layers().stream().map(Blob::digest).toList()));
    assertThat(RegistryTreeFiles.files(registry.root())).noneMatch(f -> f.contains("repositories/"));
  }

  @Test
  void theDeclaredMediaTypeMustBeTheOneTheRegistryWillServe() throws IOException {
    Image image = TestImages.ociImage("app", "amd64");
    RegistryDirectory registry = registry();
    for (Blob blob : image.blobs()) {
      registry.putBlob(blob.digest(), new ByteArrayInputStream(blob.bytes()));
    }
    assertThatThrownBy(() -> registry.putManifest("app", image.manifest(), MediaTypes.DOCKER_MANIFEST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(MediaTypes.OCI_MANIFEST);
    // Content-Type parameters are not part of the media type.
    assertThat(registry.putManifest("app", image.manifest(), MediaTypes.OCI_MANIFEST + "; charset=utf-8"))
        .isEqualTo(image.digest());
  }

  @Test
  void aTagCanOnlyPointAtAManifestOfItsOwnRepository() throws IOException {
    Image image = TestImages.ociImage("app", "amd64");
    RegistryDirectory registry = registry();
    Digest manifest = image.storeIn(registry, "one/app");

    assertThatThrownBy(() -> registry.tag("other/app", "v1", manifest)).isInstanceOf(MissingContentException.class);
    assertThatThrownBy(() -> registry.tag("one/app", "bad tag", manifest)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.putManifest("../escape", image.manifest(), image.mediaType()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void retaggingMovesCurrentAndKeepsTheTagHistory() throws IOException {
    RegistryDirectory registry = registry();
    Digest first = TestImages.ociImage("app", "amd64").storeIn(registry, "app");
    Digest second = TestImages.ociImage("app", "arm64").storeIn(registry, "app");
    registry.tag("app", "v1", first);
    registry.tag("app", "v1", second);

    assertThat(registry.resolveTag("app", "v1")).contains(second);
    assertThat(RegistryTreeFiles.files(registry.root()))
        .contains(
            V2 + "repositories/app/_manifests/tags/v1/index/sha256/" + first.hex() + "/link",
            V2 + "repositories/app/_manifests/tags/v1/index/sha256/" + second.hex() + "/link");
  }

  @Test
  void readsGiveBackTheCatalogTagsAndExactManifestBytes() throws IOException {
    RegistryDirectory registry = registry();
    Image nginx = TestImages.dockerImage("nginx", "amd64");
    Digest nginxDigest = nginx.storeIn(registry, "library/nginx");
    registry.tag("library/nginx", "1.25.0", nginxDigest);
    registry.tag("library/nginx", "latest", nginxDigest);
    MultiPlatformImage cilium = TestImages.ociIndex("cilium");
    registry.tag("cilium/cilium", "v1.12.0", cilium.storeIn(registry, "cilium/cilium"));
    Digest pinned = TestImages.ociImage("pinned", "amd64").storeIn(registry, "a-b");
    TestImages.ociImage("nested", "amd64").storeIn(registry, "a/b");

    assertThat(registry.repositories()).containsExactly("a/b", "a-b", "cilium/cilium", "library/nginx");
    assertThat(registry.tags("library/nginx")).containsExactly("1.25.0", "latest");
    assertThat(registry.tags("a-b")).isEmpty();
    assertThat(registry.resolveTag("library/nginx", "missing")).isEmpty();

    StoredManifest stored = registry.readManifest("library/nginx", nginxDigest).orElseThrow();
    assertThat(stored.bytes()).isEqualTo(nginx.manifest());
    assertThat(stored.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(registry.readManifest("cilium/cilium", cilium.digest()).orElseThrow().mediaType())
        .isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(registry.readManifest("library/nginx", pinned)).as("not a manifest of that repository").isEmpty();

    try (InputStream layer = registry.openBlob(nginx.layers().get(1).digest())) {
      assertThat(layer.readAllBytes()).isEqualTo(nginx.layers().get(1).bytes());
    }
    assertThatThrownBy(() -> registry.openBlob(Digest.sha256(new byte[] {1}))).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void anUnwrittenDirectoryReadsAsEmptyAndIsCreatedOnlyByTheFirstWrite() throws IOException {
    RegistryDirectory registry = registry();
    assertThat(registry.repositories()).isEmpty();
    assertThat(registry.leftoverTemporaryFiles()).isEmpty();
    assertThat(context.resolve("registry")).doesNotExist();
  }
}
