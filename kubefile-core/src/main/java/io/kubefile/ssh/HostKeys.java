package io.kubefile.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * Host key checking against an OpenSSH {@code known_hosts} file, with OpenSSH's
 * {@code accept-new} policy: a host seen for the first time is recorded, a known host must show
 * the key recorded for it. Sealos checks nothing (R7), so anyone between the machine running it and
 * the cluster could take over every host; here a changed key stops the run, naming the host and
 * both fingerprints.
 */
final class HostKeys {
  private final ServerKeyVerifier verifier;
  private final Map<String, String> refused = new ConcurrentHashMap<>();
  private final Path knownHosts;

  HostKeys(Path knownHosts, boolean skipCheck) {
    this.knownHosts = knownHosts;
    if (skipCheck) {
      verifier = AcceptAllServerKeyVerifier.INSTANCE;
      return;
    }
    try {
      Files.createDirectories(knownHosts.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new HostException("cannot create the directory of " + knownHosts + ": " + e.getMessage(), e);
    }
    KnownHostsServerKeyVerifier known = new KnownHostsServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE, knownHosts);
    known.setModifiedServerKeyAcceptor((session, remote, entry, expected, actual) -> {
      refused.put(key(remote), "the host key of %s has changed: it now presents %s, but %s line \"%s\" expects %s;"
          .formatted("%s", KeyUtils.getFingerPrint(actual), knownHosts, entry.getConfigLine(), KeyUtils.getFingerPrint(expected))
          + " if the host was reinstalled, remove that line (ssh-keygen -R); --insecure-skip-host-key-check skips the check");
      return false;
    });
    // MINA chooses between appending to known_hosts and creating it anew before it takes its own
    // lock, so two hosts seen for the first time at the same moment truncate each other's line
    // (seen: a two-host run recorded only one). Checking one host at a time costs nothing that
    // matters next to the handshake.
    verifier = (session, remote, key) -> {
      synchronized (this) {
        return known.verifyServerKey(session, remote, key);
      }
    };
  }

  ServerKeyVerifier verifier() {
    return verifier;
  }

  /** The refusal message for a host whose key changed, or null if its key was not refused. */
  String refusal(HostAddress host) {
    String message = refused.get(host.host() + ":" + host.port());
    return message == null ? null : message.formatted(host);
  }

  private static String key(SocketAddress remote) {
    if (remote instanceof InetSocketAddress inet) {
      return inet.getHostString() + ":" + inet.getPort();
    }
    return String.valueOf(remote);
  }
}
