package io.kubefile.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.image.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialStoreTest {
  @TempDir Path home;

  private static String auth(String user, String password) {
    return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String relative, String json) throws Exception {
    Path file = home.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    return file;
  }

  /** A store that looks for /run/containers/0/auth.json under {@code home/root}, not on this machine. */
  private CredentialStore store(Map<String, String> env) {
    return CredentialStore.builder().environment(env, home).rootForImplicitAbsolutePaths(home.resolve("root"), 0).build();
  }

  @Test
  void theFilesAreReadInContainersAuthJsonOrder() {
    assertThat(store(Map.of()).authFiles()).containsExactly(
        home.resolve("root/run/containers/0/auth.json"),
        home.resolve(".config/containers/auth.json"),
        home.resolve(".docker/config.json"),
        home.resolve(".dockercfg"));
    assertThat(store(Map.of("REGISTRY_AUTH_FILE", "/a.json", "XDG_RUNTIME_DIR", "/run/user/7",
        "XDG_CONFIG_HOME", "/cfg", "DOCKER_CONFIG", "/dk")).authFiles()).containsExactly(
        Path.of("/a.json"), Path.of("/cfg/containers/auth.json"), Path.of("/dk/config.json"), home.resolve(".dockercfg"));
    assertThat(store(Map.of("XDG_RUNTIME_DIR", "/run/user/7")).authFiles().get(0))
        .isEqualTo(Path.of("/run/user/7/containers/auth.json"));
  }

  @Test
  void withoutXdgRuntimeDirTheFileBuildahLoginWritesAsRootIsRead() throws Exception {
    write("root/run/containers/0/auth.json", "{\"auths\":{\"r.io\":{\"auth\":\"" + auth("sealos-user", "p") + "\"}}}");
    write(".docker/config.json", "{\"auths\":{\"r.io\":{\"auth\":\"" + auth("docker", "p") + "\"}}}");

    assertThat(store(Map.of()).credentialsFor(Repository.parse("r.io/a/b"))).map(Credentials::username)
        .contains("sealos-user");
  }

  @Test
  void theLegacyDockercfgIsReadLast() throws Exception {
    write(".dockercfg", "{\"r.io\":{\"auth\":\"" + auth("legacy", "p") + "\",\"email\":\"x@y\"}}");

    assertThat(store(Map.of()).credentialsFor(Repository.parse("r.io/a/b"))).map(Credentials::username)
        .contains("legacy");
  }

  @Test
  void homeIsTheEnvironmentsNotJavasUserHome() {
    assertThat(CredentialStore.home(Map.of("HOME", "/home/sealos"))).isEqualTo(Path.of("/home/sealos"));
  }

  @ParameterizedTest(name = "{0} matches {1}")
  @CsvSource({
    "https://index.docker.io/v1/, docker.io/library/nginx",
    "index.docker.io, docker.io/library/nginx",
    "docker.io, docker.io/library/nginx",
    "quay.io, quay.io/org/app",
    "https://quay.io, quay.io/org/app",
    "http://quay.io/v2/, quay.io/org/app",
    "quay.io/org, quay.io/org/app",
    "localhost:5000, localhost:5000/app",
  })
  void registryKeysMatchAsDockerMatchesThem(String key, String repository) throws Exception {
    write(".docker/config.json", "{\"auths\":{\"" + key + "\":{\"auth\":\"" + auth("u", "p") + "\"}}}");

    assertThat(store(Map.of()).credentialsFor(Repository.parse(repository))).contains(Credentials.of("u", "p"));
  }

  @Test
  void aRepositoryKeyWinsOverTheRegistryKey() throws Exception {
    write(".docker/config.json", "{\"auths\":{"
        + "\"quay.io\":{\"auth\":\"" + auth("general", "p") + "\"},"
        + "\"quay.io/team/app\":{\"auth\":\"" + auth("specific", "p") + "\"}}}");

    assertThat(store(Map.of()).credentialsFor(Repository.parse("quay.io/team/app")))
        .map(Credentials::username).contains("specific");
    assertThat(store(Map.of()).credentialsFor(Repository.parse("quay.io/team/other")))
        .map(Credentials::username).contains("general");
    assertThat(store(Map.of()).credentialsFor(Repository.parse("ghcr.io/x/y"))).isEmpty();
  }

  @Test
  void sourcesAreConsultedInOrder() throws Exception {
    Path authFile = write("explicit-auth.json", "{\"auths\":{\"r.io\":{\"auth\":\"" + auth("authfile", "p") + "\"}}}");
    Path envFile = write("env-auth.json", "{\"auths\":{\"r.io\":{\"auth\":\"" + auth("env", "p") + "\"}}}");
    write("run/containers/auth.json", "{\"auths\":{\"r.io\":{\"auth\":\"" + auth("xdg", "p") + "\"}}}");
    write(".docker/config.json", "{\"auths\":{\"r.io\":{\"auth\":\"" + auth("docker", "p") + "\"}}}");
    Map<String, String> env = Map.of("REGISTRY_AUTH_FILE", envFile.toString(),
        "XDG_RUNTIME_DIR", home.resolve("run").toString());
    Repository repository = Repository.parse("r.io/a/b");

    assertThat(CredentialStore.builder().explicitCredentials(Credentials.of("explicit", "p")).authFile(authFile)
        .environment(env, home).build().credentialsFor(repository)).map(Credentials::username).contains("explicit");
    assertThat(CredentialStore.builder().authFile(authFile).environment(env, home).build()
        .credentialsFor(repository)).map(Credentials::username).contains("authfile");
    assertThat(store(env).credentialsFor(repository)).map(Credentials::username).contains("env");
    assertThat(store(Map.of("XDG_RUNTIME_DIR", home.resolve("run").toString())).credentialsFor(repository))
        .map(Credentials::username).contains("xdg");
    assertThat(store(Map.of()).credentialsFor(repository)).map(Credentials::username).contains("docker");
  }

  @Test
  void anIdentityTokenEntryGivesIdentityTokenCredentials() throws Exception {
    write(".docker/config.json", "{\"auths\":{\"r.io\":{\"auth\":\"\",\"identitytoken\":\"refresh-me\"}}}");

    assertThat(store(Map.of()).credentialsFor(Repository.parse("r.io/a")).flatMap(Credentials::identityToken))
        .contains("refresh-me");
  }

  @Test
  void credsStoreRunsTheHelperWithTheDockerHubServerUrl() throws Exception {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path helper = bin.resolve("docker-credential-fake");
    Files.writeString(helper, "#!/bin/sh\nread server\n"
        + "echo '{\"ServerURL\":\"'$server'\",\"Username\":\"<token>\",\"Secret\":\"'$server'\"}'\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    write(".docker/config.json", "{\"credsStore\":\"fake\"}");
    CredentialStore store = CredentialStore.builder().environment(Map.of(), home)
        .rootForImplicitAbsolutePaths(home.resolve("root"), 0).helperSearchPath(java.util.List.of(bin)).build();

    assertThat(store.credentialsFor(Repository.parse("nginx")).flatMap(Credentials::identityToken))
        .contains("https://index.docker.io/v1/");
  }

  @Test
  void savingKeepsOtherEntriesAndRemovingDropsEveryEquivalentKey() throws Exception {
    Path config = write(".docker/config.json",
        "{\"auths\":{\"quay.io\":{\"auth\":\"" + auth("q", "p") + "\"}},\"credHelpers\":{\"x.io\":\"h\"}}");

    CredentialStore.saveCredentials(config, "docker.io", "alice", "pw:with:colons");

    var json = Json.mapper().readTree(config.toFile());
    assertThat(json.path("auths").has("https://index.docker.io/v1/")).isTrue();
    assertThat(json.path("auths").has("quay.io")).isTrue();
    assertThat(json.path("credHelpers").path("x.io").asText()).isEqualTo("h");
    assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(store(Map.of()).credentialsFor(Repository.parse("alpine")))
        .contains(Credentials.of("alice", "pw:with:colons"));

    assertThat(CredentialStore.removeCredentials(config, "index.docker.io")).isTrue();
    assertThat(store(Map.of()).credentialsFor(Repository.parse("alpine"))).isEmpty();
    assertThat(CredentialStore.removeCredentials(config, "docker.io")).isFalse();
  }

  @Test
  void secretsNeverShowInToStringOrErrors() throws Exception {
    assertThat(Credentials.of("alice", "hunter2").toString()).doesNotContain("hunter2");
    assertThat(Credentials.identityToken("", "tok-123").toString()).doesNotContain("tok-123");
    write(".docker/config.json", "{\"auths\":{\"r.io\":{\"auth\":\"hunter2-not-base64!\"}}}");

    assertThatThrownBy(() -> store(Map.of()).credentialsFor(Repository.parse("r.io/a")))
        .hasMessageContaining("not valid base64")
        .hasMessageNotContaining("hunter2");
  }
}
