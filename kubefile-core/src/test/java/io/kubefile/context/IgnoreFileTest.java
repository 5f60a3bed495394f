package io.kubefile.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IgnoreFileTest {

  @Test
  void aByteOrderMarkAtTheStartIsRemoved() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', '\n', '#', 'c'};
    assertThat(IgnoreFile.read(bom)).containsExactly("a");
  }

  @Test
  void onlyAHashInTheFirstColumnIsAComment() {
    assertThat(IgnoreFile.parse("#c\n #notcomment\n")).containsExactly("#notcomment");
  }

  @Test
  void windowsLineEndingsAreAccepted() {
    assertThat(IgnoreFile.parse("a\r\nb\r\n")).containsExactly("a", "b");
  }

  @Test
  void patternsAreCleanedAndMadeRelative() {
    assertThat(IgnoreFile.parse("/a/./b/\n!  /c//d\n/\n.\nx/..\n"))
        .containsExactly("a/b", "!c/d", "/", ".", ".");
  }

  @Test
  void aLoneBangIsKeptForTheMatcherToReject() {
    assertThat(IgnoreFile.parse("!\n! \n")).containsExactly("!", "!");
  }

  @Test
  void overlongLinesAreAnErrorLikeGosScanner() {
    byte[] line = "x".repeat(70_000).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> IgnoreFile.read(line)).isInstanceOf(IOException.class).hasMessageContaining("too long");
  }
}
