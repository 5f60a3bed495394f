package io.kubefile.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DigestingOutputStreamTest {
  @Test
  void passesEveryByteThroughAndHashesAndCountsThem() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    try (DigestingOutputStream out = new DigestingOutputStream(sink, sha256)) {
      out.write('a');
      out.write("xbcx".getBytes(StandardCharsets.US_ASCII), 1, 2);
      assertThat(out.count()).isEqualTo(3);
    }

    assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
    assertThat(HexFormat.of().formatHex(sha256.digest()))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
