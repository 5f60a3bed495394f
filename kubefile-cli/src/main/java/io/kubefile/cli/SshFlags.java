package io.kubefile.cli;

import io.kubefile.run.Clusterfile.SshSpec;
import io.kubefile.ssh.SshOptions;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * SSH flags of run, add, reset, delete, exec and scp (sealos's names), and host key checking. The
 * flags given take the place of the saved Clusterfile's {@code spec.ssh} fields, a host's own
 * {@code ssh} still winning ({@link io.kubefile.run.ClusterAccess}); run and add save them (as
 * sealos), the other commands use them for that command only.
 */
public final class SshFlags {
  @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "SSH user (default: the saved cluster's, else root); others reach root with sudo.")
  String user;

  @Option(names = {"-p", "--passwd"}, paramLabel = "PASSWORD", description = "SSH password (also answers sudo's prompt; default: the saved cluster's).")
  String password;

  @Option(names = {"-i", "--pk"}, paramLabel = "FILE", description = "Private key, OpenSSH or PEM (default: the saved cluster's, else ~/.ssh/id_rsa when present).")
  Path privateKey;

  @Option(names = "--pk-passwd", paramLabel = "PASSPHRASE", description = "Passphrase of the private key.")
  String keyPassphrase;

  @Option(names = "--port", paramLabel = "N", converter = Port.class, description = "SSH port of addresses given without :port (default 22).")
  Integer port;

  @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file to check and extend (default ~/.ssh/known_hosts).")
  Path knownHosts;

  @Option(names = "--insecure-skip-host-key-check", description = "Accept any host key and record none (unsafe: anyone on the path can impersonate a host).")
  boolean skipHostKeyCheck;

  @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10", description = "Timeout of each connection and login (default 10).")
  int connectTimeoutSeconds;

  /** The flags given, as a Clusterfile ssh section to override the saved one with; null when none were given. */
  SshSpec spec() {
    if (user == null && password == null && privateKey == null && keyPassphrase == null && port == null) {
      return null;
    }
    return new SshSpec(user, password, privateKey == null ? null : privateKey.toAbsolutePath().toString(), keyPassphrase, port);
  }

  int defaultPort() {
    return port == null ? 22 : port;
  }

  SshOptions options() {
    SshOptions options = SshOptions.defaults(home()).withSkipHostKeyCheck(skipHostKeyCheck)
        .withConnectTimeout(Duration.ofSeconds(Math.max(1, connectTimeoutSeconds)));
    return knownHosts == null ? options : options.withKnownHosts(knownHosts);
  }

  /**
   * Picocli's converter: a port out of range is a usage error (exit 2) naming the option. Taken, a
   * run on a saved cluster merged it into {@code spec.ssh} and saved a Clusterfile that no later
   * command could load.
   */
  static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int port = Integer.parseInt(value.strip());
        if (port >= 1 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new TypeConversionException("must be a port number (1-65535), not \"" + value + "\"");
    }
  }

  /** $HOME (not Java's user.home), as for credentials and the store: one rule for every file in the home directory. */
  static Path home() {
    return io.kubefile.files.UserHome.current();
  }
}
