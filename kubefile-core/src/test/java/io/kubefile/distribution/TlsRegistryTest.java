package io.kubefile.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.image.ImageReference;
import io.kubefile.image.RawManifest;
import io.kubefile.ssh.ClassFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A registry serving HTTPS with a certificate from a CA only the test knows. */
class TlsRegistryTest {
  @TempDir static Path serverDir;
  @TempDir static Path certDir;
  @RegisterExtension static final ClassFixture<RegistryServer> registry = ClassFixture.of(TlsRegistryTest::startWithTls);
  static TestImage image = TestImage.create(31, 300);

  /** The registry with its certificate, made first (the start reads it). */
  private static RegistryServer startWithTls() throws Exception {
    TestCertificates.create(serverDir, "registry", "/CN=127.0.0.1", "IP:127.0.0.1");
    return RegistryServer.start(serverDir, String.join("\n",
        "  tls:",
        "    certificate: " + serverDir.resolve("registry.crt"),
        "    key: " + serverDir.resolve("registry.key")), "");
  }

  @BeforeAll
  static void start() throws Exception {
    Files.copy(serverDir.resolve("registry.crt"), certDir.resolve("test-ca.crt"));
    RegistryClient trusting = clientWith(TlsOptions.DEFAULT.withCertDirectory(certDir));
    image.push(trusting, new Repository(registry.get().host(), "tls/app"), "v1");
  }

  private static RegistryClient clientWith(TlsOptions tls) {
    return RegistryClient.builder()
        .tls(tls)
        .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10)))
        .build();
  }

  private static ImageReference reference() {
    return ImageReference.parse(registry.get().host() + "/tls/app:v1");
  }

  @Test
  void anUnknownCaFailsVerificationEvenOnLoopback() {
    assertThatThrownBy(() -> clientWith(TlsOptions.DEFAULT).getManifest(reference()))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("TLS verification failed for " + registry.get().host())
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(RegistryException.Reason.TLS);
  }

  @Test
  void aCertDirectoryHoldingTheCaMakesItTrusted() throws Exception {
    RawManifest manifest = clientWith(TlsOptions.DEFAULT.withCertDirectory(certDir)).getManifest(reference());

    assertThat(manifest.digest()).isEqualTo(image.manifestDigest());
  }

  @Test
  void aCertsDDirectoryNamedAfterTheRegistryMakesItTrusted(@TempDir Path certsD) throws Exception {
    Path hostDir = Files.createDirectories(certsD.resolve(registry.get().host()));
    Files.copy(certDir.resolve("test-ca.crt"), hostDir.resolve("ca.crt"));

    RawManifest manifest = clientWith(TlsOptions.DEFAULT.withCertsDRoots(java.util.List.of(certsD)))
        .getManifest(reference());

    assertThat(manifest.digest()).isEqualTo(image.manifestDigest());
  }

  @Test
  void disablingVerificationAcceptsTheCertificate() throws Exception {
    assertThat(clientWith(TlsOptions.insecure()).getManifest(reference()).digest())
        .isEqualTo(image.manifestDigest());
  }
}
