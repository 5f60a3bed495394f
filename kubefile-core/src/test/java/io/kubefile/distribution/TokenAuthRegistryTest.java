package io.kubefile.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.image.ImageReference;
import io.kubefile.ssh.ClassFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A registry delegating to a token server: the full challenge → token → retry flow. */
class TokenAuthRegistryTest implements CheckLoginContract {
  @TempDir static Path serverDir;
  @TempDir Path home;
  // The token server first: the registry's configuration names it, and it is closed after the registry.
  @RegisterExtension @Order(1) static final ClassFixture<TokenServer> tokens =
      ClassFixture.of(TokenAuthRegistryTest::startTokenServer);
  @RegisterExtension @Order(2) static final ClassFixture<RegistryServer> registry =
      ClassFixture.of(TokenAuthRegistryTest::startRegistry);
  static TestImage image = TestImage.create(41, 400);

  @Override
  public RegistryServer registry() {
    return registry.get();
  }

  private static TokenServer startTokenServer() throws Exception {
    TestCertificates.create(serverDir, "signer", "/CN=token-signer", null);
    return new TokenServer(
        TestCertificates.privateKey(serverDir.resolve("signer.key")),
        TestCertificates.certificate(serverDir.resolve("signer.crt")),
        Map.of("alice", "s3cret"),
        Map.of("alice-refresh-token", "alice"));
  }

  private static RegistryServer startRegistry() throws Exception {
    return RegistryServer.start(serverDir, "", String.join("\n",
        "auth:",
        "  token:",
        "    realm: " + tokens.get().realm(),
        "    service: " + TokenServer.SERVICE,
        "    issuer: " + TokenServer.ISSUER,
        "    rootcertbundle: " + serverDir.resolve("signer.crt")));
  }

  @BeforeAll
  static void start() throws Exception {
    image.push(clientWith(CredentialsProvider.fixed(Credentials.of("alice", "s3cret"))),
        new Repository(registry.get().host(), "token/app"), "v1");
  }

  private static RegistryClient clientWith(CredentialsProvider credentials) {
    return RegistryClient.builder().credentials(credentials).build();
  }

  private static ImageReference reference() {
    return ImageReference.parse(registry.get().host() + "/token/app:v1");
  }

  @Test
  void aUserGetsATokenOnceAndReusesItForTheSameScope() throws Exception {
    RegistryClient client = clientWith(CredentialsProvider.fixed(Credentials.of("alice", "s3cret")));
    int before = tokens.get().tokenRequests.get();

    assertThat(client.getManifest(reference()).digest()).isEqualTo(image.manifestDigest());
    assertThat(client.headManifest(reference())).isPresent();
    assertThat(client.listTags(new Repository(registry.get().host(), "token/app"))).containsExactly("v1");

    assertThat(tokens.get().tokenRequests.get() - before).isEqualTo(1);
  }

  @Test
  void anonymousCallersMayPullButNotPush() throws Exception {
    RegistryClient anonymous = clientWith(CredentialsProvider.ANONYMOUS);

    assertThat(anonymous.getManifest(reference()).digest()).isEqualTo(image.manifestDigest());
    assertThatThrownBy(() -> anonymous.putManifest(ImageReference.parse(registry.get().host() + "/token/app:v2"),
            image.manifest(), io.kubefile.image.MediaTypes.OCI_MANIFEST))
        .isInstanceOf(RegistryException.class)
        .hasMessage("push access denied for " + registry.get().host() + "/token/app: authentication required");
  }

  @Test
  void aWrongPasswordIsRejectedByTheTokenServer() {
    RegistryClient client = clientWith(CredentialsProvider.fixed(Credentials.of("alice", "nope")));

    assertThatThrownBy(() -> client.getManifest(reference()))
        .isInstanceOf(RegistryException.class)
        .hasMessage("pull access denied for " + registry.get().host()
            + "/token/app: authentication failed: the token server rejected the credentials")
        .hasMessageNotContaining("nope");
  }

  @Test
  void anIdentityTokenIsExchangedThroughTheOAuthFlow() throws Exception {
    Path config = home.resolve(".docker/config.json");
    Files.createDirectories(config.getParent());
    Files.writeString(config,
        "{\"auths\":{\"https://" + registry.get().host() + "\":{\"auth\":\"\",\"identitytoken\":\"alice-refresh-token\"}}}");
    CredentialStore store = CredentialStore.builder().environment(Map.of(), home).build();

    image.push(clientWith(store), new Repository(registry.get().host(), "token/oauth"), "v1");

    assertThat(clientWith(store).listTags(new Repository(registry.get().host(), "token/oauth"))).containsExactly("v1");
  }

  @Test
  void aCredentialHelperNamedInDockerConfigIsRun() throws Exception {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path helper = bin.resolve("docker-credential-kubefiletest");
    Files.writeString(helper, String.join("\n",
        "#!/bin/sh",
        "[ \"$1\" = get ] || exit 1",
        "read server",
        "[ \"$server\" = \"" + registry.get().host() + "\" ] || { echo 'credentials not found in native keychain'; exit 1; }",
        "echo '{\"ServerURL\":\"'$server'\",\"Username\":\"alice\",\"Secret\":\"s3cret\"}'",
        ""));
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    Path config = home.resolve(".docker/config.json");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "{\"credHelpers\":{\"" + registry.get().host() + "\":\"kubefiletest\"}}");
    CredentialStore store = CredentialStore.builder()
        .environment(Map.of(), home)
        .helperSearchPath(List.of(bin))
        .build();

    image.push(clientWith(store), new Repository(registry.get().host(), "token/helper"), "v1");

    assertThat(store.credentialsFor(new Repository(registry.get().host(), "x")))
        .contains(Credentials.of("alice", "s3cret"));
  }
}
