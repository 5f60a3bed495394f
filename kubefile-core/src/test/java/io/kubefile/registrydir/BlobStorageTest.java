package io.kubefile.registrydir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.image.Digest;
import io.kubefile.registrydir.RegistryDirectory.ExistingBlobCheck;
import io.kubefile.registrydir.TestImages.Image;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blobs are verified on the way in, reused when present, and never left half-written. */
class BlobStorageTest {
  private static final byte[] CONTENT = "layer bytes\n".getBytes(StandardCharsets.UTF_8);
  private static final Digest DIGEST = Digest.sha256(CONTENT);

  @TempDir Path context;

  private RegistryDirectory registry() throws IOException {
    return RegistryDirectory.open(context.resolve("registry"));
  }

  private Path dataFile(RegistryDirectory registry, Digest digest) {
    return registry.root().resolve("docker/registry/v2/blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex() + "/data");
  }

  @Test
  void aStreamIsStoredUnderItsDigestWhenDigestAndSizeMatch() throws IOException {
    RegistryDirectory registry = registry();
    StoredBlob stored = registry.putBlob(DIGEST, CONTENT.length, new ByteArrayInputStream(CONTENT));

    assertThat(stored).isEqualTo(new StoredBlob(DIGEST, CONTENT.length, true));
    assertThat(dataFile(registry, DIGEST)).hasBinaryContent(CONTENT);
    assertThat(registry.hasBlob(DIGEST, CONTENT.length)).isTrue();
    assertThat(registry.verifyBlob(DIGEST)).isTrue();
  }

  @Test
  void aVerifiedFileIsLinkedInWithoutBeingHashedAgain() throws IOException {
    RegistryDirectory registry = registry();
    Path cacheFile = Files.write(Files.createDirectories(context.resolve("cache")).resolve("blob"), CONTENT);

    StoredBlob stored = registry.putVerifiedBlob(DIGEST, cacheFile);

    assertThat(stored).isEqualTo(new StoredBlob(DIGEST, CONTENT.length, true));
    assertThat(Files.isSameFile(dataFile(registry, DIGEST), cacheFile)).as("hard-linked, not copied").isTrue();
    // The caller vouches for the content: a wrong digest is the caller's bug, not re-checked here,
    // whereas putBlob(Digest, Path) hashes and refuses it.
    Digest other = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> registry.putBlob(other, cacheFile)).isInstanceOf(BlobVerificationException.class);
  }

  @Test
  void contentWithAnotherDigestOrSizeIsRefusedAndNothingIsLeft() throws IOException {
    RegistryDirectory registry = registry();
    Digest other = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> registry.putBlob(other, new ByteArrayInputStream(CONTENT)))
        .isInstanceOf(BlobVerificationException.class)
        .hasMessageContaining(other.toString())
        .hasMessageContaining(DIGEST.toString());
    assertThatThrownBy(() -> registry.putBlob(DIGEST, CONTENT.length - 1, new ByteArrayInputStream(CONTENT)))
        .isInstanceOf(BlobVerificationException.class)
        .hasMessageContaining("expected " + (CONTENT.length - 1) + " bytes");
    assertThatThrownBy(() -> registry.putBlob(DIGEST, CONTENT.length + 1, new ByteArrayInputStream(CONTENT)))
        .isInstanceOf(BlobVerificationException.class);
    assertThat(registry.hasBlob(DIGEST)).isFalse();
    assertThat(registry.hasBlob(other)).isFalse();
    assertThat(RegistryTreeFiles.files(registry.root())).isEmpty();
  }

  @Test
  void aBlobAlreadyPresentIsReusedWithoutReadingTheSourceOrRewritingTheFile() throws IOException {
    RegistryDirectory registry = registry();
    registry.putBlob(DIGEST, new ByteArrayInputStream(CONTENT));
    FileTime longAgo = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(dataFile(registry, DIGEST), longAgo);
    InputStream mustNotBeRead = new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("the source of a present blob was read");
      }
    };

    StoredBlob again = registry.putBlob(DIGEST, CONTENT.length, mustNotBeRead);

    assertThat(again.written()).isFalse();
    assertThat(Files.getLastModifiedTime(dataFile(registry, DIGEST))).isEqualTo(longAgo);
  }

  @Test
  void aPresentBlobOfTheWrongSizeOrContentIsReplaced() throws IOException {
    RegistryDirectory registry = registry();
    registry.putBlob(DIGEST, new ByteArrayInputStream(CONTENT));
    Path data = dataFile(registry, DIGEST);
    Files.write(data, "trunc".getBytes(StandardCharsets.UTF_8));
    assertThat(registry.hasBlob(DIGEST)).isTrue();
    assertThat(registry.hasBlob(DIGEST, CONTENT.length)).isFalse();

    assertThat(registry.putBlob(DIGEST, CONTENT.length, new ByteArrayInputStream(CONTENT)).written()).isTrue();
    assertThat(data).hasBinaryContent(CONTENT);

    // Same size, different bytes: only a rehash notices, done when the size is unknown or when asked for.
    byte[] corrupted = CONTENT.clone();
    corrupted[0] ^= 1;
    Files.write(data, corrupted);
    assertThat(registry.verifyBlob(DIGEST)).isFalse();
    assertThat(registry.putBlob(DIGEST, new ByteArrayInputStream(CONTENT)).written()).isTrue();
    Files.write(data, corrupted);
    RegistryDirectory verifying = RegistryDirectory.open(registry.root(), ExistingBlobCheck.DIGEST);
    assertThat(verifying.hasBlob(DIGEST, CONTENT.length)).isFalse();
    assertThat(verifying.putBlob(DIGEST, CONTENT.length, new ByteArrayInputStream(CONTENT)).written()).isTrue();
    assertThat(registry.verifyBlob(DIGEST)).isTrue();
  }

  @Test
  void aFileOnTheSameFileSystemIsHardLinkedNotCopied() throws IOException {
    Path layer = Files.write(context.resolve("layer.tar.gz"), CONTENT);
    RegistryDirectory registry = registry();

    registry.putBlob(DIGEST, layer);

    Path data = dataFile(registry, DIGEST);
    assertThat(Files.getAttribute(data, "unix:ino")).isEqualTo(Files.getAttribute(layer, "unix:ino"));
    assertThat(Files.getAttribute(layer, "unix:nlink")).isEqualTo(2);
  }

  @Test
  void aFileWithTheWrongContentIsRefusedAndLeftAlone() throws IOException {
    Path layer = Files.write(context.resolve("layer.tar.gz"), CONTENT);
    RegistryDirectory registry = registry();
    Digest other = Digest.sha256(new byte[] {42});

    assertThatThrownBy(() -> registry.putBlob(other, layer)).isInstanceOf(BlobVerificationException.class);
    assertThatThrownBy(() -> registry.moveBlob(other, layer)).isInstanceOf(BlobVerificationException.class);

    assertThat(layer).hasBinaryContent(CONTENT);
    assertThat(Files.getAttribute(layer, "unix:nlink")).isEqualTo(1);
    assertThat(RegistryTreeFiles.files(registry.root())).isEmpty();
  }

  @Test
  void aMovedFileBecomesTheBlobAndTheSourceIsGone() throws IOException {
    Path layer = Files.write(context.resolve("layer.tar.gz"), CONTENT);
    Object inode = Files.getAttribute(layer, "unix:ino");
    RegistryDirectory registry = registry();

    assertThat(registry.moveBlob(DIGEST, layer).written()).isTrue();

    assertThat(layer).doesNotExist();
    assertThat(Files.getAttribute(dataFile(registry, DIGEST), "unix:ino")).isEqualTo(inode);
  }

  @Test
  void aWriteInterruptedMidStreamLeavesNeitherBlobNorTemporaryFileAndCanBeRetried() throws IOException {
    RegistryDirectory registry = registry();
    InputStream failing = new InputStream() {
      private int served;

      @Override
      public int read() throws IOException {
        if (served == 4) {
          throw new IOException("connection reset");
        }
        return CONTENT[served++];
      }
    };

    assertThatThrownBy(() -> registry.putBlob(DIGEST, CONTENT.length, failing)).hasMessage("connection reset");
    assertThat(registry.hasBlob(DIGEST)).isFalse();
    assertThat(registry.leftoverTemporaryFiles()).isEmpty();

    assertThat(registry.putBlob(DIGEST, CONTENT.length, new ByteArrayInputStream(CONTENT)).written()).isTrue();
  }

  @Test
  void aTemporaryFileLeftByAKilledProcessIsIgnoredThenFoundAndRemovedOnRequest() throws IOException {
    RegistryDirectory registry = registry();
    Path data = dataFile(registry, DIGEST);
    Files.createDirectories(data.getParent());
    Path leftover = Files.write(data.resolveSibling(".kubefile-data-0123456789abcdef.tmp"), new byte[] {1, 2});

    assertThat(registry.hasBlob(DIGEST)).isFalse();
    assertThat(registry.putBlob(DIGEST, new ByteArrayInputStream(CONTENT)).written()).isTrue();
    assertThat(registry.verifyBlob(DIGEST)).isTrue();
    assertThat(registry.leftoverTemporaryFiles()).containsExactly(leftover);

    assertThat(registry.removeLeftoverTemporaryFiles()).isEqualTo(1);
    assertThat(leftover).doesNotExist();
    assertThat(registry.verifyBlob(DIGEST)).isTrue();
  }

  @Test
  void savingTheSameImagesAgainRewritesNothing() throws IOException {
    RegistryDirectory registry = registry();
    Image image = TestImages.dockerImage("nginx", "amd64");
    registry.tag("library/nginx", "1.25.0", image.storeIn(registry, "library/nginx"));
    TestImages.MultiPlatformImage index = TestImages.ociIndex("cilium");
    registry.tag("cilium/cilium", "v1.12.0", index.storeIn(registry, "cilium/cilium"));
    RegistryTreeFiles.setAllModifiedTimes(registry.root(), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    Map<String, String> before = RegistryTreeFiles.identities(registry.root());

    RegistryDirectory reopened = RegistryDirectory.open(registry.root());
    reopened.tag("library/nginx", "1.25.0", image.storeIn(reopened, "library/nginx"));
    reopened.tag("cilium/cilium", "v1.12.0", index.storeIn(reopened, "cilium/cilium"));

    assertThat(RegistryTreeFiles.identities(registry.root())).isEqualTo(before);
  }

  @Test
  void existingRepositoriesOfAnEarlierSaveAreKept() throws IOException {
    RegistryDirectory registry = registry();
    Image old = TestImages.ociImage("old", "amd64");
    registry.tag("team/old", "v0", old.storeIn(registry, "team/old"));

    Image fresh = TestImages.ociImage("fresh", "amd64");
    RegistryDirectory reopened = RegistryDirectory.open(registry.root());
    reopened.tag("team/fresh", "v1", fresh.storeIn(reopened, "team/fresh"));

    assertThat(reopened.repositories()).containsExactly("team/fresh", "team/old");
    assertThat(reopened.resolveTag("team/old", "v0")).contains(old.digest());
  }
}
