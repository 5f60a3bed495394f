package io.kubefile.ssh;

import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;

/**
 * The cipher order Kubefile offers: AES-GCM first. MINA's default puts chacha20-poly1305 first,
 * which OpenSSH's server also prefers, so it was always chosen; MINA implements it in plain Java
 * and it cost most of the client's CPU when sending an image (profiled with JFR in
 * {@code bench/run-fanout}). AES-GCM runs on the JDK's AES intrinsics here and on OpenSSL's on
 * the server, and is as strong. Every other cipher MINA enables by default stays offered, after
 * these, so servers that allow only those still work.
 */
final class TransferCiphers {
  private static final List<BuiltinCiphers> PREFERRED = List.of(BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm);

  private TransferCiphers() {}

  /** {@code defaults} with the preferred ciphers (the supported ones) moved to the front. */
  static List<NamedFactory<Cipher>> preferred(List<NamedFactory<Cipher>> defaults) {
    List<NamedFactory<Cipher>> out = new ArrayList<>();
    for (BuiltinCiphers cipher : PREFERRED) {
      if (cipher.isSupported()) {
        out.add(cipher);
      }
    }
    for (NamedFactory<Cipher> cipher : defaults) {
      if (out.stream().noneMatch(c -> c.getName().equals(cipher.getName()))) {
        out.add(cipher);
      }
    }
    return out;
  }
}
