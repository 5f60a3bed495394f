package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.distribution.RegistryServer;
import io.kubefile.ssh.ClassFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** login, logout and authenticated pull/push against a registry with htpasswd authentication. */
class LoginCommandTest {
  @TempDir static Path serverDir;
  @RegisterExtension static final ClassFixture<RegistryServer> registry =
      ClassFixture.of(() -> RegistryServer.startWithBasicAuth(serverDir, "alice", "s3cret"));

  @TempDir Path root;
  @TempDir Path otherRoot;
  @TempDir Path work;

  @Test
  void helpSaysWhereLoginWrites() {
    CliRun.Result help = CliRun.runWithoutStore("login", "--help");

    assertThat(help.out().replaceAll("\\s+", " "))
        .contains("Writes --authfile, else $REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json, else"
            + " /run/containers/$UID/auth.json");
  }

  @Test
  void loginWritesTheAuthFileAndLaterPullsUseIt() throws Exception {
    Path authFile = work.resolve("auth.json");

    CliRun.Result login = CliRun.runWithoutStore("login", "-u", "alice", "-p", "s3cret",
        "--authfile", authFile.toString(), registry.get().host());

    assertThat(login.exitCode()).as(login.err()).isZero();
    assertThat(login.out()).contains("Login Succeeded");
    assertThat(Files.readString(authFile)).contains(registry.get().host()).doesNotContain("s3cret");
    String name = registry.get().host() + "/private/app:v1";
    CliRun.storeImage(root, name, "private");
    CliRun.Result push = CliRun.run(root, "push", "-q", "--authfile", authFile.toString(), name);
    assertThat(push.exitCode()).as(push.err()).isZero();
    CliRun.Result pull = CliRun.run(otherRoot, "pull", "-q", "--authfile", authFile.toString(), name);
    assertThat(pull.exitCode()).as(pull.err()).isZero();

    CliRun.Result anonymous = CliRun.run(otherRoot, "pull", "-q", "--authfile", work.resolve("none.json").toString(),
        registry.get().host() + "/private/app:v1");
    assertThat(anonymous.exitCode()).isEqualTo(1);
    assertThat(anonymous.err()).contains("authentication required");
  }

  @Test
  void loginWithWrongCredentialsWritesNothingAndKeepsTheSecretOut() {
    Path authFile = work.resolve("auth.json");

    CliRun.Result login = CliRun.runWithoutStore("login", "-u", "alice", "-p", "wrong-secret",
        "--authfile", authFile.toString(), registry.get().host());

    assertThat(login.exitCode()).isEqualTo(1);
    assertThat(login.err()).contains("rejected the credentials").doesNotContain("wrong-secret");
    assertThat(authFile).doesNotExist();
  }

  @Test
  void loginReadsThePasswordFromStandardInput() throws Exception {
    Path authFile = work.resolve("auth.json");
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream("s3cret\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      CliRun.Result login = CliRun.runWithoutStore("login", "-u", "alice", "--password-stdin",
          "--authfile", authFile.toString(), registry.get().host());
      assertThat(login.exitCode()).as(login.err()).isZero();
    } finally {
      System.setIn(stdin);
    }
    assertThat(authFile).exists();
  }

  @Test
  void loginWithoutATerminalNeedsThePasswordGiven() {
    CliRun.Result login = CliRun.runWithoutStore("login", "-u", "alice",
        "--authfile", work.resolve("auth.json").toString(), registry.get().host());

    assertThat(login.exitCode()).isEqualTo(1);
    assertThat(login.err()).contains("--password-stdin");
  }

  @Test
  void logoutRemovesTheCredentials() throws Exception {
    Path authFile = work.resolve("auth.json");
    assertThat(CliRun.runWithoutStore("login", "-u", "alice", "-p", "s3cret",
        "--authfile", authFile.toString(), registry.get().host()).exitCode()).isZero();

    CliRun.Result logout = CliRun.runWithoutStore("logout", "--authfile", authFile.toString(), registry.get().host());

    assertThat(logout.exitCode()).as(logout.err()).isZero();
    assertThat(Files.readString(authFile)).doesNotContain(registry.get().host());
    CliRun.Result again = CliRun.runWithoutStore("logout", "--authfile", authFile.toString(), registry.get().host());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("not logged into");
  }

  @Test
  void logoutAllEmptiesTheAuthFile() throws Exception {
    Path authFile = work.resolve("auth.json");
    Files.writeString(authFile, "{\"auths\":{\"a.example\":{\"auth\":\"eDp5\"},\"b.example\":{\"auth\":\"eDp5\"}},\"credHelpers\":{}}");

    CliRun.Result logout = CliRun.runWithoutStore("logout", "-a", "--authfile", authFile.toString());

    assertThat(logout.exitCode()).as(logout.err()).isZero();
    assertThat(Files.readString(authFile)).doesNotContain("a.example").doesNotContain("b.example").contains("credHelpers");
  }
}
