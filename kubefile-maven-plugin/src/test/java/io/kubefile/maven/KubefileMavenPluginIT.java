package io.kubefile.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.builder.BuildResult;
import io.kubefile.builder.KubefileBuilder;
import io.kubefile.copy.ImagePusher;
import io.kubefile.copy.RegistrySink;
import io.kubefile.distribution.Credentials;
import io.kubefile.distribution.CredentialsProvider;
import io.kubefile.distribution.RegistryClient;
import io.kubefile.distribution.RegistryServer;
import io.kubefile.distribution.TlsOptions;
import io.kubefile.image.ImageReference;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubefile-maven-plugin in real, offline Maven runs of sample projects: a project whose {@code package}
 * saves the image its context references from a loopback docker-registry (with Basic authentication,
 * credentials from settings.xml) into registry/, builds the cluster image into a store and pushes it
 * back; the goals run alone; and the shipped examples/maven-app.
 */
class KubefileMavenPluginIT {
  static final String USER = "ci";
  static final String PASSWORD = "s3cret-pass";

  @TempDir static Path shared;
  static MavenRun maven;
  static RegistryServer registry;
  static String referenced;

  @TempDir Path work;

  @BeforeAll
  static void localRepositoryAndRegistry() throws Exception {
    maven = MavenRun.prepare(shared);
    RegistryServer.assumeInstalled();
    registry = RegistryServer.startWithBasicAuth(Files.createDirectories(shared.resolve("registry")), USER, PASSWORD);
    // The image the sample context references: built and pushed with the library.
    Path seed = Files.createDirectories(shared.resolve("seed"));
    Files.writeString(seed.resolve("Kubefile"), "FROM scratch\nCOPY app.txt /app.txt\n");
    Files.writeString(seed.resolve("app.txt"), "a referenced image\n");
    ImageStore store = ImageStore.open(shared.resolve("seed-store"));
    referenced = registry.host() + "/team/referenced:v1";
    BuildResult built = KubefileBuilder.forContext(seed).store(store).tag(referenced).build();
    StoredImage image = store.findByName(built.names().get(0)).orElseThrow();
    new ImagePusher(store).push(image, new RegistrySink(authenticated(), ImageReference.parse(referenced)), false);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void package_saves_the_referenced_images_builds_the_image_and_pushes_it_with_settings_credentials() throws Exception {
    Path project = sampleProject("sample-app", "2.3.4");
    Path store = work.resolve("store");

    MavenRun.Result run = maven.run(project, "-s", settings().toString(), "-Dkubefile.root=" + store, "package");

    assertThat(run.exitCode()).as(run.log()).isZero();
    assertThat(run.log()).contains("STEP 1/5: FROM scratch").contains("Built " + registry.host() + "/apps/sample-app:2.3.4");
    StoredImage image = ImageStore.open(store).findByName(registry.host() + "/apps/sample-app:2.3.4").orElseThrow();
    assertThat(image.config().config().labels())
        .containsEntry("team", "platform")
        .containsEntry("sealos.io.version", "2.3.4");
    assertThat(project.resolve("context/registry/docker/registry/v2/repositories/team/referenced/_manifests/tags/v1"))
        .isDirectory();
    assertThat(run.log()).contains("Pushed " + registry.host() + "/apps/sample-app@" + image.manifestDescriptor().digest());
    assertThat(authenticated().headManifest(ImageReference.parse(registry.host() + "/apps/sample-app:2.3.4")).orElseThrow().digest())
        .isEqualTo(image.manifestDescriptor().digest());
  }

  @Test
  void without_credentials_the_push_fails_the_build_with_one_line_naming_the_registry() throws Exception {
    Path project = sampleProject("no-creds", "1.0.0");

    MavenRun.Result run = maven.run(project, "-s", emptySettings().toString(), "-Dkubefile.root=" + work.resolve("store"),
        "-Dkubefile.saveImage=false", "package");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.log()).containsPattern("\\[ERROR\\] Failed to execute goal io\\.kubefile:kubefile-maven-plugin:[^:]+:push"
        + " \\(push\\) on project no-creds: .*" + java.util.regex.Pattern.quote(registry.host()));
  }

  @Test
  void list_images_and_registry_save_run_alone() throws Exception {
    Path project = sampleProject("alone", "1.0.0");
    Path list = work.resolve("images.txt");
    String plugin = "io.kubefile:kubefile-maven-plugin:" + System.getProperty("kubefile.version");

    MavenRun.Result listed = maven.run(project, "-s", settings().toString(), "-Dkubefile.context=context",
        "-Dkubefile.outputFile=" + list, plugin + ":list-images");
    MavenRun.Result saved = maven.run(project, "-s", settings().toString(), "-Dkubefile.root=" + work.resolve("store"),
        "-Dkubefile.context=context", "-Dkubefile.registryDir=" + work.resolve("saved"), plugin + ":registry-save");

    assertThat(listed.exitCode()).as(listed.log()).isZero();
    assertThat(Files.readAllLines(list)).containsExactly(referenced);
    assertThat(saved.exitCode()).as(saved.log()).isZero();
    assertThat(work.resolve("saved/docker/registry/v2/repositories/team/referenced/_manifests/tags/v1")).isDirectory();
  }

  @Test
  void several_platforms_build_an_image_index() throws Exception {
    Path project = sampleProject("multi", "1.0.0");
    Path store = work.resolve("store");

    MavenRun.Result run = maven.run(project, "-s", settings().toString(), "-Dkubefile.root=" + store,
        "-Dkubefile.platforms=linux/amd64,linux/arm64",
        "io.kubefile:kubefile-maven-plugin:" + System.getProperty("kubefile.version") + ":build");

    assertThat(run.exitCode()).as(run.log()).isZero();
    assertThat(ImageStore.open(store).indexEntries())
        .filteredOn(entry -> (registry.host() + "/apps/multi:1.0.0").equals(entry.annotation(ImageStore.REF_NAME)))
        .singleElement()
        .satisfies(entry -> assertThat(entry.mediaType()).isEqualTo("application/vnd.oci.image.index.v1+json"));
  }

  @Test
  void the_shipped_example_builds_its_image_with_mvn_package() throws Exception {
    Path example = Path.of(System.getProperty("kubefile.repo"), "examples/maven-app");
    Path project = copy(example, work.resolve("maven-app"));
    Path store = work.resolve("store");

    MavenRun.Result run = maven.run(project, "-s", emptySettings().toString(), "-Dkubefile.root=" + store, "package");

    assertThat(run.exitCode()).as(run.log()).isZero();
    StoredImage image = ImageStore.open(store).findByName("docker.io/example/maven-app:1.0.0").orElseThrow();
    assertThat(image.config().config().labels()).containsEntry("sealos.io.version", "1.0.0")
        .containsEntry("org.opencontainers.image.version", "1.0.0");
  }

  /** A project whose package phase builds (saving the referenced image) and pushes. */
  private Path sampleProject(String artifact, String version) throws Exception {
    Path project = Files.createDirectories(work.resolve(artifact));
    Path context = Files.createDirectories(project.resolve("context/images/shim"));
    Files.writeString(context.resolve("images"), referenced + "\n");
    Files.createDirectories(project.resolve("context/manifests"));
    Files.writeString(project.resolve("context/manifests/app.yaml"), "kind: ConfigMap\n");
    Files.writeString(project.resolve("context/Kubefile"), String.join("\n",
        "FROM scratch",
        "ARG VERSION",
        "LABEL sealos.io.type=application sealos.io.version=${VERSION}",
        "COPY manifests manifests",
        "COPY registry registry",
        ""));
    String tag = registry.host() + "/apps/" + artifact + ":${project.version}";
    Files.writeString(project.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>test</groupId>
          <artifactId>%s</artifactId>
          <version>%s</version>
          <packaging>pom</packaging>
          <build>
            <plugins>
              <plugin>
                <groupId>io.kubefile</groupId>
                <artifactId>kubefile-maven-plugin</artifactId>
                <version>%s</version>
                <configuration>
                  <contextDirectory>${project.basedir}/context</contextDirectory>
                  <tags><tag>%s</tag></tags>
                  <buildArgs><VERSION>${project.version}</VERSION></buildArgs>
                  <labels><team>platform</team></labels>
                  <tlsVerify>false</tlsVerify>
                </configuration>
                <executions>
                  <execution><id>build</id><goals><goal>build</goal></goals></execution>
                  <execution><id>push</id><phase>package</phase><goals><goal>push</goal></goals></execution>
                </executions>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(artifact, version, System.getProperty("kubefile.version"), tag));
    return project;
  }

  private Path settings() throws Exception {
    Path file = work.resolve("settings.xml");
    Files.writeString(file, """
        <settings>
          <servers>
            <server><id>%s</id><username>%s</username><password>%s</password></server>
          </servers>
        </settings>
        """.formatted(registry.host(), USER, PASSWORD));
    return file;
  }

  private Path emptySettings() throws Exception {
    Path file = work.resolve("empty-settings.xml");
    Files.writeString(file, "<settings/>\n");
    return file;
  }

  private static RegistryClient authenticated() {
    return RegistryClient.builder()
        .credentials(CredentialsProvider.fixed(Credentials.of(USER, PASSWORD)))
        .tls(TlsOptions.insecure())
        .build();
  }

  private static Path copy(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path path : walk.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
    return to;
  }
}
