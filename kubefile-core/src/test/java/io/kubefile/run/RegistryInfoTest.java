package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster registry's settings from the rootfs's {@code etc/registry.yml}, and its htpasswd (R16). */
class RegistryInfoTest {
  @TempDir Path dir;

  @Test
  void aRootfsWithoutRegistryYmlGetsSealosDefaults() throws Exception {
    assertThat(RegistryInfo.of(null)).isEqualTo(new RegistryInfo("admin", "passw0rd", "/var/lib/registry"));
  }

  @Test
  void registryYmlThatIsNotYamlIsAnErrorNamingTheFile() throws Exception {
    Path yml = Files.writeString(dir.resolve("registry.yml"), "data: [\n");
    assertThatThrownBy(() -> RegistryInfo.of(yml)).isInstanceOf(RunException.class)
        .hasMessageStartingWith("etc/registry.yml of the rootfs is not valid YAML: ");
  }

  @Test
  void theHtpasswdIsWrittenOnlyWhenSavedAndThenReusedByLaterRuns() throws Exception {
    RegistryInfo registry = new RegistryInfo("admin", "s3cret", "/var/lib/registry");
    Path file = dir.resolve("etc/registry_htpasswd");

    RegistryInfo.Htpasswd made = registry.htpasswd(dir);
    String line = new String(made.line(), StandardCharsets.UTF_8);
    assertThat(line).startsWith("admin:$2y$10$").endsWith("\n");
    assertThat(OpenBSDBCrypt.checkPassword(line.substring("admin:".length()).strip(), "s3cret".toCharArray())).isTrue();
    // Made while the hosts are being reached; a run that stops there leaves no file behind.
    assertThat(file).doesNotExist();

    assertThat(made.save()).isEqualTo(made.line());
    assertThat(file).hasBinaryContent(made.line());
    RegistryInfo.Htpasswd again = registry.htpasswd(dir);
    assertThat(again.saved()).isTrue();
    assertThat(again.line()).isEqualTo(made.line());
  }

  @Test
  void aChangedPasswordGetsANewHtpasswd() throws Exception {
    new RegistryInfo("admin", "old", "/var/lib/registry").htpasswd(dir).save();
    RegistryInfo.Htpasswd changed = new RegistryInfo("admin", "new", "/var/lib/registry").htpasswd(dir);
    assertThat(changed.saved()).isFalse();
    String line = new String(changed.line(), StandardCharsets.UTF_8);
    assertThat(OpenBSDBCrypt.checkPassword(line.substring("admin:".length()).strip(), "new".toCharArray())).isTrue();
  }
}
