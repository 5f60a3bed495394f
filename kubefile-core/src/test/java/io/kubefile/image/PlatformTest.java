package io.kubefile.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformTest {
  @Test
  void parses_os_arch_and_variant_normalizing_architecture_aliases_as_containerd() {
    assertThat(Platform.parse("linux/x86_64")).isEqualTo(new Platform("amd64", "linux", null));
    assertThat(Platform.parse("Linux/AARCH64/v8")).isEqualTo(new Platform("arm64", "linux", null));
    assertThat(Platform.parse("linux/arm/v7")).isEqualTo(new Platform("arm", "linux", "v7"));
  }

  @Test
  void each_component_is_letters_digits_underscore_or_dash() {
    assertThatThrownBy(() -> Platform.parse("linux/amd64;x"))
        .isInstanceOf(InvalidPlatformException.class)
        .hasMessage("invalid platform \"linux/amd64;x\": \"amd64;x\" is not an os, architecture or variant"
            + " (letters, digits, _ and - only)");
    assertThatThrownBy(() -> Platform.parse("linux//v7")).hasMessageContaining("\"\" is not an os");
    assertThatThrownBy(() -> Platform.parse("linux")).hasMessage("invalid platform \"linux\": expected os/arch[/variant]");
    assertThatThrownBy(() -> Platform.parse("linux/arm/v7/x")).hasMessage(
        "invalid platform \"linux/arm/v7/x\": expected os/arch[/variant]");
  }

  @Test
  void one_platform_is_not_a_comma_list() {
    assertThatThrownBy(() -> Platform.parse("linux/amd64,linux/arm64")).hasMessage(
        "invalid platform \"linux/amd64,linux/arm64\": give one os/arch[/variant] (a comma list of platforms is"
            + " not supported here)");
  }

  @Test
  void a_list_parses_each_entry_and_refuses_empty_and_repeated_ones() {
    assertThat(Platform.parseList("linux/amd64,linux/arm64"))
        .isEqualTo(List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")));
    assertThatThrownBy(() -> Platform.parseList("linux/amd64,")).hasMessage(
        "invalid platform list \"linux/amd64,\": an entry is empty");
    assertThatThrownBy(() -> Platform.parseList("linux/amd64,linux/x86_64")).hasMessage(
        "invalid platform list \"linux/amd64,linux/x86_64\": linux/amd64 is given twice");
    assertThatThrownBy(() -> Platform.parseList("linux/amd64,linux/a.b")).hasMessageContaining("\"a.b\"");
  }

  @Test
  void unknown_os_arch_pairs_get_a_warning_known_ones_none() {
    assertThat(Platform.parse("linux/foo").unknownPairWarning()).contains(
        "platform linux/foo is not a known os/architecture pair (such as linux/amd64 or linux/arm64)");
    assertThat(Platform.parse("linux/s390x").unknownPairWarning()).isEmpty();
    assertThat(Platform.parse("windows/arm64").unknownPairWarning()).isEmpty();
  }
}
