package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChmodSpecTest {
  @Test
  void octalModesReplaceThePermissions() {
    assertThat(ChmodSpec.parse("755").apply(0644, false)).isEqualTo(0755);
    assertThat(ChmodSpec.parse("0600").apply(0777, true)).isEqualTo(0600);
  }

  @Test
  void symbolicModesAreRelativeToEachFile() {
    assertThat(ChmodSpec.parse("+x").apply(0644, false)).isEqualTo(0755);
    assertThat(ChmodSpec.parse("u=rwX,go=rX").apply(0600, false)).isEqualTo(0644);
    assertThat(ChmodSpec.parse("u=rwX,go=rX").apply(0700, true)).isEqualTo(0755);
    assertThat(ChmodSpec.parse("go-w").apply(0666, false)).isEqualTo(0644);
  }

  @Test
  void numericLookingButInvalidValuesAreRejected() {
    assertThatThrownBy(() -> ChmodSpec.parse("888")).hasMessage("invalid chmod parameter: 888");
    assertThatThrownBy(() -> ChmodSpec.parse("99999")).hasMessage("invalid chmod parameter: 99999");
    assertThatThrownBy(() -> ChmodSpec.parse("u=q")).hasMessage("invalid chmod parameter: u=q");
  }
}
