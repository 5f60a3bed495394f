package io.kubefile;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.copy.CompressionFormat;
import io.kubefile.copy.PullPolicy;
import io.kubefile.distribution.Credentials;
import io.kubefile.image.ImageReference;
import io.kubefile.image.access.TransportReference;
import org.junit.jupiter.api.Test;

/**
 * Values a user types (flags, plugin parameters) that the library refuses are reported as
 * {@link KubefileException}s, so a library user catching that one type sees them, with a message
 * that quotes the value and says what is accepted.
 */
class InvalidValuesTest {

  @Test
  void anUnknownPullPolicyIsRefusedListingThePolicies() {
    assertThatThrownBy(() -> PullPolicy.parse("sometimes"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("unknown pull policy \"sometimes\": use missing, newer, always or never (or true/false)");
  }

  @Test
  void anUnknownCompressionFormatIsRefusedListingTheFormats() {
    assertThatThrownBy(() -> CompressionFormat.parse("zstd"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("unsupported compression format \"zstd\": use gzip or none");
  }

  @Test
  void credentialsWithoutAUserAreRefused() {
    assertThatThrownBy(() -> Credentials.parse(":secret"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("credentials must be given as user:password");
  }

  @Test
  void aTransportReferenceWithoutAPathIsAnInvalidReference() {
    assertThatThrownBy(() -> TransportReference.parse("oci-archive:"))
        .isInstanceOf(ImageReference.InvalidReferenceException.class)
        .isInstanceOf(KubefileException.class)
        .hasMessage("invalid image reference \"oci-archive:\": the oci-archive: path is empty");
    assertThatThrownBy(() -> TransportReference.parse(" "))
        .isInstanceOf(ImageReference.InvalidReferenceException.class)
        .hasMessage("invalid image reference \" \": it is empty");
  }
}
