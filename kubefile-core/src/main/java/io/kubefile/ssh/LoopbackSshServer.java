package io.kubefile.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An in-process SSH and SFTP server on 127.0.0.1 (MINA's own), for exercising Kubefile's SSH client
 * without a host: the launcher records the classes a warm-up loads into a class-data archive, and
 * the run path (key exchange, login, commands, SFTP writes) otherwise loads and links about 1,500
 * classes from the jars on every {@code run}, {@code exec} or {@code scp} (measured: a third of a
 * second of a one-host {@code exec}). Its commands run nothing: they print nothing and exit 0, which
 * is all a warm-up needs. Files written over SFTP land under {@code root}.
 */
public final class LoopbackSshServer implements AutoCloseable {
  private final SshServer server;
  private final Path clientKey;

  private LoopbackSshServer(SshServer server, Path clientKey) {
    this.server = server;
    this.clientKey = clientKey;
  }

  /** Starts a server whose SFTP root is {@code root}; its client key is written to {@code keyDir}. */
  public static LoopbackSshServer start(Path root, Path keyDir) throws IOException, GeneralSecurityException {
    SshConnector.preferJdkProviders();
    KeyPairGenerator generator = KeyPairGenerator.getInstance(KeyUtils.EC_ALGORITHM);
    generator.initialize(256);
    KeyPair hostKey = generator.generateKeyPair();
    KeyPair client = generator.generateKeyPair();
    Path keyFile = keyDir.resolve("id_ecdsa");
    try (OutputStream out = Files.newOutputStream(keyFile)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "warm-up", null, out);
    }
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, client.getPublic()));
    server.setCommandFactory((channel, command) -> new SilentCommand());
    server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    server.setFileSystemFactory(new VirtualFileSystemFactory(root));
    server.start();
    return new LoopbackSshServer(server, keyFile);
  }

  /** A logged-in host on this server, through the same client code as a real host. */
  public Host connect(Path knownHosts) {
    SshOptions options = new SshOptions(knownHosts, false, Duration.ofSeconds(30), 1, 1);
    SshConnector connector = new SshConnector(options);
    Host host = connector.openSsh(new HostAddress(server.getHost(), server.getPort()),
        new SshCredentials("root", null, clientKey, null));
    return new Host() {
      @Override
      public HostAddress address() {
        return host.address();
      }

      @Override
      public int run(String command, LineSink output, Duration limit) {
        return host.run(command, output, limit);
      }

      @Override
      public CommandOutput capture(String command, LineSink errors) {
        return host.capture(command, errors);
      }

      @Override
      public FileTransfer transfer() {
        return host.transfer();
      }

      @Override
      public FileTransfer separateTransfer() {
        return host.separateTransfer();
      }

      @Override
      public void close() {
        host.close();
        connector.close();
      }
    };
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** A command that prints nothing and exits 0. */
  private static final class SilentCommand implements Command {
    private ExitCallback exit;

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void setErrorStream(OutputStream err) {}

    @Override
    public void setInputStream(java.io.InputStream in) {}

    @Override
    public void setOutputStream(OutputStream out) {}

    @Override
    public void start(ChannelSession channel, Environment env) {
      exit.onExit(0);
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
