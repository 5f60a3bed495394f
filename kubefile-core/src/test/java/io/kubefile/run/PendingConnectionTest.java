package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.ssh.HostGroup;
import io.kubefile.ssh.SshOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connecting to the hosts while a run does its local work. */
class PendingConnectionTest {
  @TempDir Path home;

  /** A connection attempt that takes {@code millis} and then gives a group (of no host). */
  private PendingConnection slowConnect(long millis, AtomicBoolean ended) {
    return PendingConnection.start(() -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      HostGroup group = HostGroup.connect(List.of(), address -> null, SshOptions.defaults(home));
      ended.set(true);
      return group;
    });
  }

  @Test
  void theLocalWorksResultComesBackAndTheGroupAfterIt() throws Exception {
    AtomicBoolean ended = new AtomicBoolean();
    PendingConnection connecting = slowConnect(100, ended);
    assertThat(connecting.whileConnecting(() -> "prepared")).isEqualTo("prepared");
    try (HostGroup group = connecting.await()) {
      assertThat(ended).isTrue();
      assertThat(group.addresses()).isEmpty();
    }
  }

  @Test
  void aFailedLocalWorkIsTheErrorAndIsReportedOnlyOnceTheAttemptHasEnded() {
    // Otherwise the attempt could still write (a new host key into known_hosts) after the run
    // had returned with its error.
    AtomicBoolean ended = new AtomicBoolean();
    PendingConnection connecting = slowConnect(500, ended);
    assertThatThrownBy(() -> connecting.whileConnecting(() -> {
      throw new IOException("rendering etc/kubeadm.yaml.tmpl failed: no space left on device");
    })).isInstanceOf(IOException.class).hasMessage("rendering etc/kubeadm.yaml.tmpl failed: no space left on device");
    assertThat(ended).isTrue();
  }

  @Test
  void aFailedLocalWorkIsTheErrorWhateverConnectingGave() {
    PendingConnection connecting = PendingConnection.start(() -> {
      throw new RunException("cannot connect to 192.0.2.1:22 as root: Connection refused");
    });
    assertThatThrownBy(() -> connecting.whileConnecting(() -> {
      throw new RunException("etc/registry.yml of the rootfs is not valid YAML: line 1");
    })).hasMessage("etc/registry.yml of the rootfs is not valid YAML: line 1");
  }
}
