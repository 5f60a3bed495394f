package io.kubefile.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one platform rule every command picks from an index with (containerd's matcher). */
class PlatformSelectorTest {
  private static Descriptor entry(String platform, int seed) {
    Platform parsed = platform == null ? null : platformOf(platform);
    return Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(new byte[] {(byte) seed}), 100).withPlatform(parsed);
  }

  private static Platform platformOf(String text) {
    String[] parts = text.split("/");
    return new Platform(parts[1], parts[0], parts.length > 2 ? parts[2] : null);
  }

  @Test
  void os_and_architecture_must_match() {
    ImageIndex index = ImageIndex.oci(List.of(entry("linux/amd64", 1), entry("linux/arm64", 2)));
    assertThat(PlatformSelector.select(index, Platform.parse("linux/arm64"))).isEqualTo(index.manifests().get(1));
  }

  @Test
  void without_a_requested_variant_the_default_variant_is_preferred() {
    ImageIndex index = ImageIndex.oci(List.of(entry("linux/arm/v6", 1), entry("linux/arm/v7", 2)));
    assertThat(PlatformSelector.select(index, Platform.parse("linux/arm"))).isEqualTo(index.manifests().get(1));
    assertThat(PlatformSelector.select(index, Platform.parse("linux/arm/v6"))).isEqualTo(index.manifests().get(0));
  }

  @Test
  void entries_without_platform_and_attestations_are_never_chosen_nor_listed() {
    ImageIndex index = ImageIndex.oci(List.of(entry(null, 1), entry("unknown/unknown", 2), entry("linux/amd64", 3)));
    assertThatThrownBy(() -> PlatformSelector.select(index, Platform.parse("linux/s390x")))
        .isInstanceOf(NoMatchingPlatformException.class)
        .hasMessage("no image for platform linux/s390x in the index (it has linux/amd64)");
  }

  @Test
  void find_returns_nothing_rather_than_another_platform() {
    assertThat(PlatformSelector.find(List.of(entry("linux/amd64", 1)), Platform.parse("linux/arm64"))).isEmpty();
  }
}
