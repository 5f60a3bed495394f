package io.kubefile.ssh;

import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedResource;

/**
 * The algorithm order Kubefile offers, chosen for the CPU a run costs. Both lists keep every
 * algorithm MINA enables by default, only reordered, so servers that allow only others still work.
 *
 * <ul>
 *   <li>Ciphers: AES-GCM first. MINA's default puts chacha20-poly1305 first, which OpenSSH's server
 *       also prefers, so it was always chosen; MINA implements it in plain Java and it was the top
 *       of the JFR profile of a 512 MB send ({@code bench/run-fanout}). AES-GCM runs on the JDK's
 *       AES intrinsics here and OpenSSL's on the server, and is as strong.
 *   <li>Key exchange: curve25519-sha256 first. With BouncyCastle on the class path MINA also
 *       offers the post-quantum hybrids, and OpenSSH 9 picks sntrup761x25519, whose key generation
 *       in Java costs about a second of CPU per connection in a short-lived JVM (measured: 2.3 s
 *       of CPU for a connect and login with curve25519, 3.4 s with sntrup761). That is the whole
 *       budget of a run that changes nothing, paid once per host. The hybrids stay offered after
 *       it; a server configured to require them still gets them.
 * </ul>
 */
final class SshAlgorithms {
  private static final List<String> CIPHERS = List.of("aes128-gcm@openssh.com", "aes256-gcm@openssh.com");
  private static final List<String> KEY_EXCHANGES = List.of("curve25519-sha256", "curve25519-sha256@libssh.org");

  private SshAlgorithms() {}

  static <T extends NamedResource> List<T> ciphers(List<T> defaults) {
    return preferring(CIPHERS, defaults);
  }

  static <T extends NamedResource> List<T> keyExchanges(List<T> defaults) {
    return preferring(KEY_EXCHANGES, defaults);
  }

  /** {@code defaults} with those named in {@code first} moved to the front, in that order. */
  static <T extends NamedResource> List<T> preferring(List<String> first, List<T> defaults) {
    List<T> out = new ArrayList<>();
    for (String name : first) {
      defaults.stream().filter(f -> f.getName().equals(name)).findFirst().ifPresent(out::add);
    }
    for (T factory : defaults) {
      if (!out.contains(factory)) {
        out.add(factory);
      }
    }
    return out;
  }
}
