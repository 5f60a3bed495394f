package io.kubefile.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.image.ImageReference;
import io.kubefile.ssh.ClassFixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A registry with htpasswd Basic authentication. */
class BasicAuthRegistryTest implements CheckLoginContract {
  @TempDir static Path serverDir;
  @TempDir Path home;
  @RegisterExtension static final ClassFixture<RegistryServer> registry =
      ClassFixture.of(() -> RegistryServer.startWithBasicAuth(serverDir, "alice", "s3cret"));

  @Override
  public RegistryServer registry() {
    return registry.get();
  }

  private RegistryClient clientWith(CredentialsProvider credentials) {
    return RegistryClient.builder().credentials(credentials).build();
  }

  @Test
  void goodCredentialsPushAndPull() throws Exception {
    RegistryClient client = clientWith(CredentialsProvider.fixed(Credentials.of("alice", "s3cret")));
    TestImage image = TestImage.create(21, 500);
    image.push(client, new Repository(registry.get().host(), "basic/app"), "v1");

    assertThat(client.getManifest(ImageReference.parse(registry.get().host() + "/basic/app:v1")).digest())
        .isEqualTo(image.manifestDigest());
  }

  @Test
  void withoutCredentialsAuthenticationIsRequired() {
    RegistryClient client = clientWith(CredentialsProvider.ANONYMOUS);

    assertThatThrownBy(() -> client.getManifest(ImageReference.parse(registry.get().host() + "/basic/app:v1")))
        .isInstanceOf(RegistryException.class)
        .hasMessage("pull access denied for " + registry.get().host() + "/basic/app: authentication required")
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(RegistryException.Reason.UNAUTHORIZED);
  }

  @Test
  void badCredentialsAreRejectedWithoutRevealingThem() {
    RegistryClient client = clientWith(CredentialsProvider.fixed(Credentials.of("alice", "wrong-password")));

    assertThatThrownBy(() -> client.pushBlob(new Repository(registry.get().host(), "basic/app"),
            TestImage.create(22, 10).configDescriptor(), BlobSource.of(new byte[0])))
        .isInstanceOf(RegistryException.class)
        .hasMessage("push access denied for " + registry.get().host()
            + "/basic/app: authentication failed: the registry rejected the credentials")
        .hasMessageNotContaining("wrong-password");
  }

  @Test
  void credentialsAreFoundInAnAuthFile() throws Exception {
    Path authFile = home.resolve("auth.json");
    CredentialStore.saveCredentials(authFile, registry.get().host(), "alice", "s3cret");
    CredentialStore store = CredentialStore.builder()
        .authFile(authFile)
        .environment(Map.of(), home)
        .build();
    RegistryClient client = clientWith(store);
    TestImage image = TestImage.create(23, 500);

    image.push(client, new Repository(registry.get().host(), "basic/stored"), "v1");

    assertThat(client.listTags(new Repository(registry.get().host(), "basic/stored"))).containsExactly("v1");
  }
}
