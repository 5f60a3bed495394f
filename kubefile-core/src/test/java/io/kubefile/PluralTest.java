package io.kubefile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTest {
  @Test
  void one_is_singular_and_every_other_count_plural() {
    assertThat(Plural.of(1, "blob")).isEqualTo("1 blob");
    assertThat(Plural.of(2, "blob")).isEqualTo("2 blobs");
    assertThat(Plural.of(0, "image")).isEqualTo("0 images");
  }
}
