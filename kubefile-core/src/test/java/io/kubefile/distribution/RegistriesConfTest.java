package io.kubefile.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.image.ImageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistriesConfTest {
  @TempDir Path dir;

  private static List<String> locations(RegistriesConf conf, String reference) throws Exception {
    return conf.pullLocations(ImageReference.parse(reference)).stream()
        .map(l -> l.reference() + (l.mirror() ? " (mirror)" : "") + (l.insecure() ? " (insecure)" : ""))
        .toList();
  }

  @Test
  void anImageNoEntryMatchesComesFromWhereItsNameSays() throws Exception {
    assertThat(locations(RegistriesConf.EMPTY, "nginx")).containsExactly("docker.io/library/nginx:latest");
  }

  @Test
  void mirrorsComeFirstThenTheRemappedLocation() throws Exception {
    RegistriesConf conf = RegistriesConf.parse("test.conf", """
        # a comment
        unqualified-search-registries = ["docker.io", 'quay.io']

        [[registry]]
        prefix = "example.com/team"
        location = "internal.example:5000/mirror/team"   # remapped
        insecure = true

        [[registry.mirror]]
        location = "mirror-a.example"
        [[registry.mirror]]
        location = "mirror-b.example/cache"
        insecure = true

        [[registry]]
        location = "example.com"
        """);

    assertThat(locations(conf, "example.com/team/app:v1")).containsExactly(
        "mirror-a.example/app:v1 (mirror)",
        "mirror-b.example/cache/app:v1 (mirror) (insecure)",
        "internal.example:5000/mirror/team/app:v1 (insecure)");
    assertThat(locations(conf, "example.com/other:v1")).containsExactly("example.com/other:v1");
    assertThat(locations(conf, "example.com/teams/app:v1")).as("prefixes end at a path boundary")
        .containsExactly("example.com/teams/app:v1");
  }

  @Test
  void digestOnlyMirrorsServeOnlyDigestReferences() throws Exception {
    RegistriesConf conf = RegistriesConf.parse("test.conf", """
        [[registry]]
        location = "docker.io"
        mirror-by-digest-only = true
        [[registry.mirror]]
        location = "mirror.example"
        """);
    String digest = "sha256:" + "a".repeat(64);

    assertThat(locations(conf, "nginx:1.25")).containsExactly("docker.io/library/nginx:1.25");
    assertThat(locations(conf, "nginx@" + digest))
        .containsExactly("mirror.example/library/nginx@" + digest + " (mirror)", "docker.io/library/nginx@" + digest);
  }

  @Test
  void wildcardPrefixesMatchSubdomains() throws Exception {
    RegistriesConf conf = RegistriesConf.parse("test.conf", """
        [[registry]]
        prefix = "*.example.org"
        [[registry.mirror]]
        location = "cache.local"
        """);

    assertThat(locations(conf, "a.example.org/x/y:1")).containsExactly("cache.local/x/y:1 (mirror)", "a.example.org/x/y:1");
    assertThat(locations(conf, "example.org/x:1")).containsExactly("example.org/x:1");
  }

  @Test
  void blockedRegistriesAreRefused() {
    RegistriesConf conf = RegistriesConf.parse("test.conf", "[[registry]]\nlocation = \"evil.example\"\nblocked = true\n");

    assertThatThrownBy(() -> conf.pullLocations(ImageReference.parse("evil.example/x:1")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("blocked");
  }

  @Test
  void aliasesAndVersionOneTablesAreReadWithoutError() throws Exception {
    RegistriesConf conf = RegistriesConf.parse("shortnames.conf", """
        [aliases]
          "centos" = "quay.io/centos/centos"
          "nginx"="docker.io/library/nginx"
        [registries.search]
        registries = [
          "docker.io",
          "quay.io",
        ]
        """);

    assertThat(locations(conf, "nginx")).containsExactly("docker.io/library/nginx:latest");
  }

  @Test
  void syntaxErrorsNameTheFileAndLine() {
    assertThatThrownBy(() -> RegistriesConf.parse("bad.conf", "[[registry]]\nlocation = \n"))
        .isInstanceOf(RegistryException.class)
        .hasMessage("cannot read registries configuration bad.conf, line 2: unsupported value (this reader knows strings, booleans, integers and arrays)");
  }

  @Test
  void aRegistryWithNeitherPrefixNorLocationNamesTheFile() {
    assertThatThrownBy(() -> RegistriesConf.parse("empty.conf", "[[registry]]\ninsecure = true\n"))
        .isInstanceOf(RegistryException.class)
        .hasMessage("cannot read registries configuration empty.conf: a [[registry]] has neither prefix nor location");
  }

  @Test
  void theExplicitFileStandsAlone() throws Exception {
    Path file = dir.resolve("registries.conf");
    Files.writeString(file, "[[registry]]\nprefix = \"a.example\"\nlocation = \"b.example\"\n");

    RegistriesConf conf = RegistriesConf.load(file, Map.of(), dir);

    assertThat(locations(conf, "a.example/x:1")).containsExactly("b.example/x:1");
  }

  @Test
  void theEnvironmentNamesTheFileWhenNoneIsGiven() throws Exception {
    Path file = dir.resolve("env.conf");
    Files.writeString(file, "[[registry]]\nprefix = \"a.example\"\nlocation = \"c.example\"\n");

    RegistriesConf conf = RegistriesConf.load(null, Map.of("CONTAINERS_REGISTRIES_CONF", file.toString()), dir);

    assertThat(locations(conf, "a.example/x:1")).containsExactly("c.example/x:1");
  }
}
