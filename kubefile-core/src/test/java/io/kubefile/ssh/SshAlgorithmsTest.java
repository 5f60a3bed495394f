package io.kubefile.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.kex.KexProposalOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The algorithms a run's connections use, chosen for their CPU cost (bench/run-fanout). */
class SshAlgorithmsTest {
  @TempDir Path local;

  @Test
  void aConnectionToOpenSshUsesAesGcmAndCurve25519() throws Exception {
    try (TestHosts hosts = TestHosts.start(1)) {
      HostAddress address = hosts.host(0).address();
      SshOptions options = SshOptions.defaults(local).withKnownHosts(local.resolve("known_hosts"))
          .withConnectTimeout(TestHosts.CONNECT_TIMEOUT);
      try (HostGroup group = HostGroup.connect(List.of(address), a -> hosts.rootKey(), options)) {
        SshHost host = (SshHost) group.host(address);
        assertThat(host.negotiated(KexProposalOption.C2SENC)).isEqualTo("aes128-gcm@openssh.com");
        assertThat(host.negotiated(KexProposalOption.S2CENC)).isEqualTo("aes128-gcm@openssh.com");
        assertThat(host.negotiated(KexProposalOption.ALGORITHMS)).isEqualTo("curve25519-sha256");
      }
    }
  }

  @Test
  void everyAlgorithmMinaOffersByDefaultStaysOfferedAfterThePreferredOnes() {
    SshClient client = SshClient.setUpDefaultClient();
    List<String> ciphers = NamedResource.getNameList(SshAlgorithms.ciphers(client.getCipherFactories()));
    assertThat(ciphers).startsWith("aes128-gcm@openssh.com", "aes256-gcm@openssh.com")
        .containsExactlyInAnyOrderElementsOf(NamedResource.getNameList(client.getCipherFactories()));
    List<String> kex = NamedResource.getNameList(SshAlgorithms.keyExchanges(client.getKeyExchangeFactories()));
    assertThat(kex).startsWith("curve25519-sha256", "curve25519-sha256@libssh.org")
        .containsExactlyInAnyOrderElementsOf(NamedResource.getNameList(client.getKeyExchangeFactories()));
  }
}
