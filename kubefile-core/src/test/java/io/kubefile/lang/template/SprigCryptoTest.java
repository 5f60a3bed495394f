package io.kubefile.lang.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sprig's cryptographic functions, checked against independent implementations: Go's own (sprig
 * inside helm-java) for the deterministic ones and for reading what the other side wrote (keys,
 * certificates, AES ciphertexts, bcrypt hashes), Apache's {@code htpasswd} for bcrypt entries and
 * OpenSSL for certificate chains and for comparing certificate contents field by field.
 */
class SprigCryptoTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path work;

  static Stream<String> deterministic() {
    return Stream.of(
        "{{ derivePassword 1 \"long\" \"password\" \"user\" \"example.com\" }} {{ derivePassword 2 \"long\" \"password\" \"user\" \"example.com\" }}",
        "{{ derivePassword 1 \"maximum\" \"pässwörd\" \"üser\" \"site\" }} {{ derivePassword 7 \"medium\" \"p\" \"u\" \"s\" }} {{ derivePassword 0 \"short\" \"p\" \"\" \"\" }}",
        "{{ derivePassword 1 \"basic\" \"p\" \"u\" \"s\" }} {{ derivePassword 1 \"pin\" \"p\" \"u\" \"s\" }} {{ derivePassword 1 \"nope\" \"p\" \"u\" \"s\" }}",
        "{{ htpasswd \"a:b\" \"x\" }} {{ bcrypt \"" + "x".repeat(73) + "\" }}",
        "{{ genPrivateKey \"rsa2\" }} {{ encryptAES \"k\" \"\" }}|{{ decryptAES \"k\" \"\" }}",
        "{{ decryptAES \"k\" \"!!\" }}",
        "{{ decryptAES \"k\" \"AAAA\" }}",
        "{{ decryptAES \"k\" \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\" }}",
        "{{ buildCustomCert \"!\" \"\" }}",
        "{{ buildCustomCert \"aGk=\" \"!\" }}",
        "{{ buildCustomCert \"aGk=\" \"aGk=\" }}",
        "{{ genCAWithKey \"x\" 1 \"junk\" }}",
        "{{ genCAWithKey \"x\" 1 \"-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----\\n\" }}",
        "{{ genCAWithKey \"x\" 1 \"-----BEGIN FOO PRIVATE KEY-----\\nAAAA\\n-----END FOO PRIVATE KEY-----\\n\" }}",
        "{{ genSelfSignedCert \"x\" (list \"1.2.3\") nil 1 }}",
        "{{ genSelfSignedCert \"x\" (list 5) nil 1 }}",
        "{{ genSelfSignedCert \"x\" nil (list true) 1 }}",
        "{{ genSignedCert \"x\" nil nil 1 (dict) }}",
        "{{ typeOf (genCA \"x\" 1) }} {{ kindOf (genCA \"x\" 1) }} {{ len (randBytes 12) }} {{ (genCA \"x\" 1).Nope }}");
  }

  @ParameterizedTest
  @MethodSource("deterministic")
  void renders_and_fails_like_go(String template) {
    assertThat(HelmOracle.java(template, "{}")).isEqualTo(HelmOracle.render(work, template, "{}"));
  }

  @Test
  void aes_ciphertexts_are_read_by_the_other_side() throws IOException {
    String secret = "pässwörd with a long tail " + "x".repeat(40);
    for (String plain : List.of("a", "exactly sixteen!", "héllo wörld, longer than one block")) {
      String fromGo = HelmOracle.render(work, "{{ encryptAES .Values.k .Values.p }}", values("k", secret, "p", plain));
      assertThat(HelmOracle.java("{{ decryptAES .Values.k .Values.c }}", values("k", secret, "c", fromGo)))
          .isEqualTo(plain);
      String fromJava = HelmOracle.java("{{ encryptAES .Values.k .Values.p }}", values("k", secret, "p", plain));
      assertThat(HelmOracle.render(work, "{{ decryptAES .Values.k .Values.c }}", values("k", secret, "c", fromJava)))
          .isEqualTo(plain);
    }
  }

  @Test
  void bcrypt_hashes_are_read_by_htpasswd_and_gos_hashes_by_java() throws Exception {
    String entry = HelmOracle.java("{{ htpasswd \"admin\" \"s3cret pässword\" }}", "{}");
    assertThat(entry).matches("admin:\\$2a\\$10\\$[./A-Za-z0-9]{53}");
    Path file = work.resolve("htpasswd");
    Files.writeString(file, entry + "\n");
    assertThat(run(null, "htpasswd", "-vb", file.toString(), "admin", "s3cret pässword")).contains("correct");
    String goHash = HelmOracle.render(work, "{{ bcrypt \"s3cret pässword\" }}", "{}");
    assertThat(OpenBSDBCrypt.checkPassword(goHash, "s3cret pässword".getBytes(StandardCharsets.UTF_8))).isTrue();
    String javaHash = HelmOracle.java("{{ bcrypt \"x\" }}", "{}");
    assertThat(javaHash).startsWith("$2a$10$").isNotEqualTo(HelmOracle.java("{{ bcrypt \"x\" }}", "{}"));
  }

  @Test
  void generated_keys_are_read_by_go_and_gos_keys_by_java() {
    for (String type : List.of("ecdsa", "ed25519", "rsa")) {
      String key = HelmOracle.java("{{ genPrivateKey \"" + type + "\" }}", "{}");
      String cert = HelmOracle.render(work, "{{ (genSelfSignedCertWithKey \"k\" nil nil 1 .Values.k).Key }}",
          values("k", key));
      assertThat(cert).as(type).isEqualTo(key);
      String goKey = HelmOracle.render(work, "{{ genPrivateKey \"" + type + "\" }}", "{}");
      assertThat(HelmOracle.java("{{ (genCAWithKey \"k\" 1 .Values.k).Key }}", values("k", goKey))).as(type)
          .isEqualTo(goKey);
    }
    assertThat(HelmOracle.java("{{ genPrivateKey \"ecdsa\" }}", "{}")).startsWith("-----BEGIN EC PRIVATE KEY-----\n");
    assertThat(HelmOracle.java("{{ genPrivateKey \"ed25519\" }}", "{}")).startsWith("-----BEGIN PRIVATE KEY-----\n");
  }

  @Test
  void dsa_keys_are_written_as_sprig_writes_them_and_cannot_sign() {
    String key = HelmOracle.java("{{ genPrivateKey \"dsa\" }}", "{}");
    assertThat(key).startsWith("-----BEGIN DSA PRIVATE KEY-----\n");
    String template = "{{ genCAWithKey \"k\" 1 .Values.k }}";
    assertThat(HelmOracle.java(template, values("k", key))).isEqualTo(HelmOracle.render(work, template, values("k", key)));
  }

  @Test
  void certificates_have_the_fields_go_writes() throws Exception {
    String key = HelmOracle.render(work, "{{ genPrivateKey \"rsa\" }}", "{}");
    String caKey = HelmOracle.render(work, "{{ genPrivateKey \"ecdsa\" }}", "{}");
    String ca = "{{ $ca := genCAWithKey \"kube CA\" 365 .Values.ca }}";
    String[] templates = {
        ca + "{{ $ca.Cert }}",
        "{{ (genSelfSignedCertWithKey \"svc\" (list \"10.0.0.1\" \"::1\") (list \"svc.local\" \"*.svc\") 30 .Values.k).Cert }}",
        ca + "{{ (genSignedCertWithKey \"svc.ns\" (list \"192.168.1.2\") (list \"svc.ns.svc\") 30 $ca .Values.k).Cert }}",
        "{{ (genSelfSignedCertWithKey \"\" nil (list \"only.san\") 3 .Values.k).Cert }}"};
    String values = values("k", key, "ca", caKey);
    for (String template : templates) {
      String go = HelmOracle.render(work, template, values);
      String java = HelmOracle.java(template, values);
      assertThat(comparable(java)).as(template).isEqualTo(comparable(go));
    }
  }

  @Test
  void certificates_chain_across_implementations() throws Exception {
    String javaCa = HelmOracle.java("{{ $c := genCA \"java CA\" 10 }}{{ toJson $c }}", "{}");
    Map<?, ?> ca = JSON.readValue(javaCa, Map.class);
    String goLeaf = HelmOracle.render(work,
        "{{ (genSignedCert \"leaf\" (list \"10.1.2.3\") (list \"leaf.local\") 5 (buildCustomCert (b64enc .Values.c) (b64enc .Values.k))).Cert }}",
        values("c", (String) ca.get("Cert"), "k", (String) ca.get("Key")));
    assertThat(verify((String) ca.get("Cert"), goLeaf)).contains("OK");
    Map<?, ?> goCa = JSON.readValue(HelmOracle.render(work, "{{ toJson (genCA \"go CA\" 10) }}", "{}"), Map.class);
    String javaLeaf = HelmOracle.java(
        "{{ (genSignedCert \"leaf\" nil (list \"leaf.local\") 5 (buildCustomCert (b64enc .Values.c) (b64enc .Values.k))).Cert }}",
        values("c", (String) goCa.get("Cert"), "k", (String) goCa.get("Key")));
    assertThat(verify((String) goCa.get("Cert"), javaLeaf)).contains("OK");
  }

  private static String verify(String ca, String leaf) throws Exception {
    Path caFile = Files.createTempFile(work, "ca", ".pem");
    Files.writeString(caFile, ca);
    Path leafFile = Files.createTempFile(work, "leaf", ".pem");
    Files.writeString(leafFile, leaf);
    return run(null, "openssl", "verify", "-purpose", "sslserver", "-CAfile", caFile.toString(), leafFile.toString());
  }

  /** openssl's description of a certificate with what must differ between two of them masked. */
  private static String comparable(String pem) throws Exception {
    String text = run(pem, "openssl", "x509", "-noout", "-text", "-certopt", "no_sigdump,no_validity,no_serial");
    return text.replaceAll("(?s)(X509v3 Subject Key Identifier:|X509v3 Authority Key Identifier:)\\s*\\n\\s*[0-9A-F:]+",
        "$1 <id>");
  }

  private static String run(String stdin, String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  private static String values(String... keysAndValues) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    try {
      return JSON.writeValueAsString(m);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

}
