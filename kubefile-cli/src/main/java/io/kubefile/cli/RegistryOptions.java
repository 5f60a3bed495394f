package io.kubefile.cli;

import io.kubefile.copy.RegistrySources;
import io.kubefile.distribution.CredentialStore;
import io.kubefile.distribution.Credentials;
import io.kubefile.distribution.ProgressListener;
import io.kubefile.distribution.RegistriesConf;
import io.kubefile.distribution.RegistryClient;
import io.kubefile.distribution.RetryPolicy;
import io.kubefile.distribution.TlsOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How to reach registries: credentials, TLS and retries; shared by every command that talks to one. */
public final class RegistryOptions {
  @Option(names = "--creds", paramLabel = "USER[:PASS]",
      description = "Credentials for the registry (instead of the auth files).")
  String creds;

  @Option(names = "--authfile", paramLabel = "FILE",
      description = "Auth file (default, in containers-auth.json(5) order: $REGISTRY_AUTH_FILE or"
          + " $XDG_RUNTIME_DIR/containers/auth.json or /run/containers/$UID/auth.json, then"
          + " $XDG_CONFIG_HOME/containers/auth.json, $HOME/.docker/config.json, $HOME/.dockercfg).")
  Path authFile;

  @Option(names = "--tls-verify", arity = "0..1", fallbackValue = "true", defaultValue = "true", paramLabel = "BOOL",
      description = "Verify TLS certificates; false also allows plain HTTP (default: ${DEFAULT-VALUE})."
          + " Loopback registries (localhost, 127.0.0.0/8, ::1) are always asked over plain HTTP first, then"
          + " HTTPS, as Docker treats them as insecure by default.")
  boolean tlsVerify;

  @Option(names = "--cert-dir", paramLabel = "DIR", description = "Extra CA certificates (*.crt) to trust.")
  Path certDir;

  @Option(names = "--retry", paramLabel = "N", defaultValue = "5",
      description = "Attempts for a failing request (default: ${DEFAULT-VALUE}).")
  int retry;

  @Option(names = "--retry-delay", paramLabel = "SECONDS", defaultValue = "0.5",
      description = "First delay between attempts, doubled each time (default: ${DEFAULT-VALUE}).")
  double retryDelay;

  @Option(names = "--stall-timeout", paramLabel = "SECONDS", defaultValue = "${env:KUBEFILE_STALL_TIMEOUT:-60}",
      description = "A registry answer that sends nothing for this long is retried (a download resumes where it"
          + " stopped) (default: $KUBEFILE_STALL_TIMEOUT, else 60).")
  double stallTimeout;

  @Option(names = "--registries-conf", paramLabel = "FILE",
      description = "Registry mirrors and remapping (default: $CONTAINERS_REGISTRIES_CONF, ~/.config/containers/registries.conf, /etc/containers/registries.conf).")
  Path registriesConf;

  public RegistryClient client(ProgressListener progress) {
    return client(progress, tlsVerify);
  }

  /**
   * Registry sources for pulls: mirrors and remapping from registries.conf; locations it marks
   * {@code insecure} get a client that allows plain HTTP and unverified TLS.
   */
  public RegistrySources sources(ProgressListener progress) throws IOException {
    RegistriesConf conf = RegistriesConf.load(registriesConf, System.getenv(), CredentialStore.home(System.getenv()));
    return new RegistrySources(client(progress, tlsVerify), client(progress, false), conf);
  }

  /** The file {@code login} writes: {@code --authfile}, else podman's default. */
  public Path authFileForLogin() {
    return authFile != null
        ? authFile
        : CredentialStore.defaultLoginAuthFile(System.getenv());
  }

  private RegistryClient client(ProgressListener progress, boolean verify) {
    Credentials explicit = creds == null ? null : Credentials.parse(creds);
    TlsOptions tls = verify ? TlsOptions.DEFAULT : TlsOptions.insecure();
    if (certDir != null) {
      tls = tls.withCertDirectory(certDir);
    }
    Duration delay = Duration.ofMillis(Math.round(retryDelay * 1000));
    return RegistryClient.builder()
        .credentials(CredentialStore.fromEnvironment(explicit, authFile))
        .tls(tls)
        .retryPolicy(new RetryPolicy(Math.max(1, retry), delay, Duration.ofSeconds(30)))
        .stallTimeout(Duration.ofMillis(Math.max(1, Math.round(stallTimeout * 1000))))
        .userAgent("kubefile/" + new VersionProvider().version())
        .progressListener(progress == null ? new ProgressListener() {} : progress)
        .build();
  }
}
