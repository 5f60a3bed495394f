package io.kubefile.ssh;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Opens logged-in sessions: one MINA client for the whole run, key and password authentication,
 * host keys checked ({@link HostKeys}), a bounded connect and login, and retries only where a retry
 * can help (the peer dropped the connection during the handshake, R34); a refused connection, an
 * unreachable host, a rejected login or a changed host key fail at once.
 */
public final class SshConnector implements AutoCloseable {
  private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(100);
  private static final String BOUNCY_CASTLE_ENABLED = "org.apache.sshd.security.provider.BC.enabled";

  static {
    preferJdkProviders();
  }

  /**
   * BouncyCastle is on the class path for bcrypt only. MINA would register it as the provider of
   * every algorithm it offers, which costs seconds of class loading at the first connection and
   * slower EC signatures; the JDK's providers and net.i2p eddsa (ed25519 keys) cover SSH. Must run
   * before MINA's first use in the process (its choice is made once).
   */
  static void preferJdkProviders() {
    if (System.getProperty(BOUNCY_CASTLE_ENABLED) == null) {
      System.setProperty(BOUNCY_CASTLE_ENABLED, "false");
    }
  }

  private final SshClient client;
  private final SshOptions options;
  private final HostKeys hostKeys;

  public SshConnector(SshOptions options) {
    this.options = options;
    this.hostKeys = new HostKeys(options.knownHosts(), options.skipHostKeyCheck());
    this.client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(hostKeys.verifier());
    client.setCipherFactories(SshAlgorithms.ciphers(client.getCipherFactories()));
    client.setKeyExchangeFactories(SshAlgorithms.keyExchanges(client.getKeyExchangeFactories()));
    // Commands such as a helm install may print nothing for many minutes: no idle limit, but
    // heartbeats so NAT and firewalls keep the connection.
    CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
    CoreModuleProperties.NIO2_READ_TIMEOUT.set(client, Duration.ZERO);
    CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, Duration.ofSeconds(30));
    client.start();
  }

  /** A host to work on: in-process when the address is this machine's (R8), else an SSH session. */
  public Host open(HostAddress address, SshCredentials credentials) {
    if (LocalAddresses.isLocal(address.host())) {
      return new LocalHost(address);
    }
    return openSsh(address, credentials);
  }

  /** An SSH session to {@code address}, even when it is this machine's (tests dial loopback proxies). */
  Host openSsh(HostAddress address, SshCredentials credentials) {
    List<KeyPair> keys = loadKeys(credentials);
    Duration delay = FIRST_RETRY_DELAY;
    for (int attempt = 1; ; attempt++) {
      try {
        return new SshHost(address, login(address, credentials, keys), credentials);
      } catch (IOException e) {
        String refusal = hostKeys.refusal(address);
        if (refusal != null) {
          throw new HostKeyChangedException(refusal);
        }
        if (attempt >= options.connectAttempts() || !isTransient(e)) {
          String attempts = attempt > 1 ? " (" + attempt + " attempts)" : "";
          throw new HostUnreachableException("cannot connect to " + address + " as " + credentials.user() + attempts + ": "
              + reason(e), e);
        }
        sleep(delay);
        delay = delay.multipliedBy(2);
      }
    }
  }

  private ClientSession login(HostAddress address, SshCredentials credentials, List<KeyPair> keys) throws IOException {
    long timeout = options.connectTimeout().toMillis();
    ClientSession session = client.connect(credentials.user(), address.host(), address.port())
        .verify(timeout).getSession();
    try {
      if (credentials.password() != null) {
        session.addPasswordIdentity(credentials.password());
      }
      for (KeyPair key : keys) {
        session.addPublicKeyIdentity(key);
      }
      session.auth().verify(timeout);
      return session;
    } catch (IOException | RuntimeException e) {
      session.close(true);
      throw e;
    }
  }

  private static List<KeyPair> loadKeys(SshCredentials credentials) {
    List<KeyPair> keys = new ArrayList<>();
    if (credentials.privateKey() == null) {
      return keys;
    }
    try (InputStream in = Files.newInputStream(credentials.privateKey())) {
      FilePasswordProvider passphrase = credentials.keyPassphrase() == null
          ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(credentials.keyPassphrase());
      Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null,
          NamedResource.ofName(credentials.privateKey().toString()), in, passphrase);
      if (loaded != null) {
        loaded.forEach(keys::add);
      }
    } catch (NoSuchFileException e) {
      // As sealos: the default key file is tried when present; a password may be all there is.
      return keys;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new HostException("cannot read the private key " + credentials.privateKey() + ": "
          + (credentials.keyPassphrase() == null ? "it is encrypted and no passphrase was given (--pk-passwd), or " : "")
          + reason(e), e);
    }
    if (keys.isEmpty()) {
      throw new HostException("cannot read the private key " + credentials.privateKey() + ": no key found in it");
    }
    return keys;
  }

  /**
   * Whether a failed connect is worth another attempt: only when the peer reset or closed the
   * connection during the handshake (sshd's MaxStartups throttling, a restarting sshd), as sealos
   * retries on {@code connection reset by peer} and {@code EOF} (R34). MINA reports the same fault
   * as a broken pipe (the reset seen while writing), "Session is being closed" (seen while waiting
   * for the handshake) or "No session attached" (reset before the session was set up). Refused connections, unreachable hosts, timeouts and rejected
   * logins fail at once.
   */
  static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return false;
      }
      if (t instanceof EOFException) {
        return true;
      }
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("connection reset") || message.contains("broken pipe") || message.contains("eof")
          || message.contains("session is being closed") || message.contains("no session attached")) {
        return true;
      }
    }
    return false;
  }

  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    if (message.contains("No more authentication methods available")) {
      return "authentication failed (wrong user, password or key)";
    }
    return message;
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostException("interrupted while connecting", e);
    }
  }

  @Override
  public void close() {
    client.stop();
  }
}
