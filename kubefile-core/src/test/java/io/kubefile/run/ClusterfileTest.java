package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sealos Clusterfile, read and written keeping what Kubefile does not use. */
class ClusterfileTest {
  static final String SEALOS = """
      apiVersion: apps.sealos.io/v1beta1
      kind: Cluster
      metadata:
        name: default
        creationTimestamp: "2024-01-01T00:00:00Z"
      spec:
        image: [labring/kubernetes:v1.25.0, labring/helm:v3.8.2]
        ssh: {user: root, passwd: x, port: 22}
        hosts:
        - ips: [192.168.0.2:22, 192.168.0.3:22]
          roles: [master, amd64]
        - ips: [192.168.0.4:22]
          roles: [node, amd64]
          env: [KEY=v]
          ssh: {user: u, passwd: p}
        - ips: [192.168.0.9:22]
          roles: [registry, amd64]
        env: [A=b]
        futureField: kept
      status:
        phase: ClusterSuccess
        mounts:
        - {name: default-ab12cd34, type: rootfs, imageName: labring/kubernetes:v1.25.0, env: {criData: /var/lib/containerd}, labels: {version: v1.25.0}, cmd: []}
      ---
      apiVersion: apps.sealos.io/v1beta1
      kind: Config
      metadata: {name: redis-config}
      spec: {match: labring/redis:v1, path: etc/redis.yaml, data: "x"}
      """;

  @Test
  void readsHostsRolesSshAndStatus() {
    Clusterfile file = Clusterfile.parse(SEALOS, "Clusterfile");
    assertThat(file.master0()).isEqualTo("192.168.0.2:22");
    assertThat(file.mastersAndNodes()).containsExactly("192.168.0.2:22", "192.168.0.3:22", "192.168.0.4:22");
    assertThat(file.registryHosts()).containsExactly("192.168.0.9:22");
    assertThat(file.ssh().overriddenBy(file.hostOf("192.168.0.4:22").ssh())).isEqualTo(new Clusterfile.SshSpec("u", "p", null, null, 22));
    assertThat(file.mounts().get(0).env()).isEqualTo(Map.of("criData", "/var/lib/containerd"));
    assertThat(file.exists()).isTrue();
  }

  @Test
  void writesBackUnknownFieldsAndOtherDocuments() {
    Clusterfile file = Clusterfile.parse(SEALOS, "Clusterfile");
    file.addImage("labring/app:v1");
    Clusterfile again = Clusterfile.parse(file.toYaml(), "again");
    assertThat(again.images()).containsExactly("labring/kubernetes:v1.25.0", "labring/helm:v3.8.2", "labring/app:v1");
    assertThat(again.toYaml()).contains("futureField: kept").contains("kind: Config").contains("name: redis-config");
  }

  @Test
  void withoutRegistryHostsMaster0ServesTheRegistry() {
    Clusterfile file = Clusterfile.newCluster("c");
    file.setHosts(List.of(new Clusterfile.HostSpec(List.of("10.0.0.1:22"), List.of("master", "amd64"), List.of(), null)));
    assertThat(file.registryHosts()).containsExactly("10.0.0.1:22");
  }

  @Test
  void badFilesAreNamed() {
    assertThatThrownBy(() -> Clusterfile.parse("kind: Config\n", "my.yaml")).hasMessage("my.yaml: no document of kind Cluster");
    assertThatThrownBy(() -> Clusterfile.parse("kind: Cluster\nmetadata: {}\n", "my.yaml")).hasMessage("my.yaml: metadata.name is required");
    assertThatThrownBy(() -> Clusterfile.parse("kind: [\n", "my.yaml")).hasMessageStartingWith("my.yaml: not valid YAML: ");
  }

  private static Clusterfile withSpec(String spec) {
    return Clusterfile.parse("kind: Cluster\nmetadata: {name: a}\nspec:\n" + spec.indent(2), "my.yaml");
  }

  @Test
  void badHostsAndPortsAreNamedWithTheirEntryBeforeAnythingIsDone() {
    assertThatThrownBy(() -> withSpec("hosts: [{roles: [master]}]"))
        .hasMessage("my.yaml: spec.hosts[0] has no ips (a list of ip[:port])");
    assertThatThrownBy(() -> withSpec("hosts:\n- {ips: [10.0.0.1:22], roles: [master]}\n- {ips: 10.0.0.2, roles: [node]}"))
        .hasMessage("my.yaml: spec.hosts[1] has no ips (a list of ip[:port])");
    assertThatThrownBy(() -> withSpec("hosts: {ips: [10.0.0.1]}")).hasMessage("my.yaml: spec.hosts must be a list");
    assertThatThrownBy(() -> withSpec("hosts: [10.0.0.1]")).hasMessage("my.yaml: spec.hosts[0] must be a mapping with ips and roles");
    assertThatThrownBy(() -> withSpec("hosts: [{ips: [10.0.0.1:99999], roles: [master]}]"))
        .hasMessage("my.yaml: spec.hosts[0].ips: invalid port 99999 for host 10.0.0.1");
    assertThatThrownBy(() -> withSpec("hosts: [{ips: [\"10.0.0.1:ssh\"], roles: [master]}]"))
        .hasMessage("my.yaml: spec.hosts[0].ips: invalid port \"ssh\" in host address 10.0.0.1:ssh");
    assertThatThrownBy(() -> withSpec("hosts: [{ips: [10.0.0.1], roles: master}]")).hasMessage("my.yaml: spec.hosts[0].roles must be a list");
    assertThatThrownBy(() -> withSpec("ssh: {port: notaport}\nhosts: [{ips: [10.0.0.1], roles: [master]}]"))
        .hasMessage("my.yaml: spec.ssh.port: \"notaport\" is not a port number (1-65535)");
    assertThatThrownBy(() -> withSpec("hosts: [{ips: [10.0.0.1], roles: [master], ssh: {port: 0}}]"))
        .hasMessage("my.yaml: spec.hosts[0].ssh.port: \"0\" is not a port number (1-65535)");
  }

  @Test
  void aSingleValueWhereAListBelongsIsNamedInsteadOfReadAsNothing() {
    assertThatThrownBy(() -> withSpec("image: labring/x:v1\nhosts: [{ips: [10.0.0.1], roles: [master]}]"))
        .hasMessage("my.yaml: spec.image must be a list (\"- labring/x:v1\" on its own line), not \"labring/x:v1\"");
    assertThatThrownBy(() -> withSpec("env: A=b\nhosts: [{ips: [10.0.0.1], roles: [master]}]"))
        .hasMessage("my.yaml: spec.env must be a list (\"- A=b\" on its own line), not \"A=b\"");
    assertThatThrownBy(() -> withSpec("command: kubectl get pods\nhosts: [{ips: [10.0.0.1], roles: [master]}]"))
        .hasMessage("my.yaml: spec.command must be a list (\"- kubectl get pods\" on its own line), not \"kubectl get pods\"");
    assertThatThrownBy(() -> withSpec("hosts: [{ips: [10.0.0.1], roles: [master], env: A=b}]"))
        .hasMessage("my.yaml: spec.hosts[0].env must be a list (\"- A=b\" on its own line), not \"A=b\"");
    Clusterfile lists = withSpec("image: [labring/x:v1]\nenv: [A=b]\nhosts: [{ips: [10.0.0.1], roles: [master], env: [C=d]}]");
    assertThat(lists.images()).containsExactly("labring/x:v1");
    assertThat(lists.env()).containsExactly("A=b");
  }

  @Test
  void aQuotedPortWithSpacesIsThePortItSpells() {
    Clusterfile file = withSpec("ssh: {port: \" 2222\"}\nhosts: [{ips: [10.0.0.1], roles: [master]}]");
    assertThat(file.ssh().port()).isEqualTo(2222);
  }

  @Test
  void anAddressIsAMasterOrANodeNotBoth() {
    assertThatThrownBy(() -> withSpec("hosts:\n- {ips: [10.0.0.1:22], roles: [master]}\n- {ips: [10.0.0.2, 10.0.0.1], roles: [node]}"))
        .hasMessage("my.yaml: spec.hosts[1].ips: has duplicate ip 10.0.0.1:22 (already a master or node above)");
    // A registry entry may name a master again.
    Clusterfile file = withSpec("hosts:\n- {ips: [10.0.0.1:22], roles: [master]}\n- {ips: [10.0.0.1:22], roles: [registry]}");
    assertThat(file.registryHosts()).containsExactly("10.0.0.1:22");
  }

  @Test
  void clusterNamesAreWordsBecauseTheyArePathsInCommandsSentToHosts() {
    ClusterfileStore store = new ClusterfileStore(java.nio.file.Path.of("/nonexistent"));
    assertThatThrownBy(() -> store.clusterDir("my cluster")).hasMessage("invalid cluster name \"my cluster\"");
    assertThatThrownBy(() -> store.clusterDir("a$(id)")).hasMessage("invalid cluster name \"a$(id)\"");
    assertThat(store.clusterDir("prod-1.eu_west")).isEqualTo(java.nio.file.Path.of("/nonexistent/prod-1.eu_west"));
  }

  @Test
  void bareIpsAreDialledOnPort22AndKeepTheirOwnSshEnvAndRegistryRole() {
    Clusterfile file = withSpec("ssh: {user: root, pk: /keys/id}\nhosts:\n- {ips: [10.0.0.1], roles: [master]}\n"
        + "- {ips: [10.0.0.2], roles: [node, registry], env: [ROLE=node], ssh: {user: kf, passwd: secret}}");
    assertThat(file.allHosts()).containsExactly("10.0.0.1:22", "10.0.0.2:22");
    assertThat(file.registryHosts()).containsExactly("10.0.0.2:22");
    io.kubefile.ssh.HostAddress node = io.kubefile.ssh.HostAddress.parse("10.0.0.2", 22);
    assertThat(new ClusterAccess(file, null, java.nio.file.Path.of("/home/u")).credentials(node))
        .isEqualTo(new io.kubefile.ssh.SshCredentials("kf", "secret", java.nio.file.Path.of("/keys/id"), null));
    assertThat(RunPipeline.hostEnv(file, node)).isEqualTo(Map.of("ROLE", "node"));
  }

  /**
   * The SSH flags of a command over {@code spec.ssh} field by field, a host's own {@code ssh} over
   * both: sealos's {@code OverSSHConfig} for reset, then per host ({@code getSSHOptionForHost}).
   */
  @Test
  void theFlagsOfACommandReplaceSpecSshFieldsAndAHostsOwnSshStillWins() {
    Clusterfile file = withSpec("ssh: {user: root, passwd: old, pk: /keys/id}\nhosts:\n- {ips: [10.0.0.1], roles: [master]}\n"
        + "- {ips: [10.0.0.2], roles: [node], ssh: {user: kf, passwd: secret}}");
    ClusterAccess access = new ClusterAccess(file, new Clusterfile.SshSpec(null, "new", "/keys/other", null, 2222), null,
        java.nio.file.Path.of("/home/u"));
    assertThat(access.credentials(io.kubefile.ssh.HostAddress.parse("10.0.0.1:22", 22)))
        .isEqualTo(new io.kubefile.ssh.SshCredentials("root", "new", java.nio.file.Path.of("/keys/other"), null));
    assertThat(access.credentials(io.kubefile.ssh.HostAddress.parse("10.0.0.2:22", 22)))
        .isEqualTo(new io.kubefile.ssh.SshCredentials("kf", "secret", java.nio.file.Path.of("/keys/other"), null));
    assertThat(file.ssh()).as("the Clusterfile itself is not changed").isEqualTo(new Clusterfile.SshSpec("root", "old", "/keys/id", null, null));
  }

  /** A file that does not load locks every later command out (reset too): the store refuses to write one. */
  @Test
  void aClusterfileThatWouldNotLoadIsNotWritten(@org.junit.jupiter.api.io.TempDir java.nio.file.Path runtime) throws Exception {
    ClusterfileStore store = new ClusterfileStore(runtime);
    Clusterfile file = withSpec("hosts:\n- {ips: [10.0.0.1:22], roles: [master]}");
    store.save(file);
    String saved = java.nio.file.Files.readString(store.path("a"));
    file.setHosts(List.of(new Clusterfile.HostSpec(List.of("10.0.0.1:22", "10.0.0.1:22"), List.of("master"), List.of(), null)));

    assertThatThrownBy(() -> store.save(file))
        .hasMessage("cannot write " + store.path("a") + ": spec.hosts[0].ips: has duplicate ip 10.0.0.1:22 (already a master or node above)");
    assertThat(java.nio.file.Files.readString(store.path("a"))).isEqualTo(saved);
    assertThat(store.load("a").orElseThrow().allHosts()).containsExactly("10.0.0.1:22");
  }
}
