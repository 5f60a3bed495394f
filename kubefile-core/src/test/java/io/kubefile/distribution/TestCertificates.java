package io.kubefile.distribution;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Self-signed certificates made with openssl, for TLS and token-signing tests. */
final class TestCertificates {
  private TestCertificates() {}

  /** Writes {@code name.crt} and {@code name.key} (PKCS#8) into {@code dir}. */
  static void create(Path dir, String name, String subject, String subjectAltName) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
    var command = new java.util.ArrayList<>(java.util.List.of("openssl", "req", "-x509", "-newkey", "rsa:2048",
        "-nodes", "-days", "2", "-subj", subject,
        "-keyout", dir.resolve(name + ".key").toString(), "-out", dir.resolve(name + ".crt").toString()));
    if (subjectAltName != null) {
      command.addAll(java.util.List.of("-addext", "subjectAltName=" + subjectAltName));
    }
    Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(openssl.getInputStream().readAllBytes());
    if (openssl.waitFor() != 0) {
      throw new IOException("openssl failed: " + output);
    }
  }

  static PrivateKey privateKey(Path pem) throws Exception {
    String base64 = Files.readString(pem)
        .replaceAll("-----[A-Z ]+-----", "")
        .replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  static X509Certificate certificate(Path pem) throws Exception {
    try (var in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
