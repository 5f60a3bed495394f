package io.kubefile.cli;

import io.kubefile.copy.RegistryAccess;
import io.kubefile.copy.RegistrySources;
import io.kubefile.distribution.CredentialStore;
import io.kubefile.distribution.Credentials;
import io.kubefile.distribution.ProgressListener;
import io.kubefile.distribution.RegistryClient;
import io.kubefile.distribution.RetryPolicy;
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
    return access().client(progress);
  }

  /** Registry reads for pulls, through registries.conf ({@link RegistryAccess#sources}). */
  public RegistrySources sources(ProgressListener progress) throws IOException {
    return access().sources(progress);
  }

  /** The file {@code login} writes: {@code --authfile}, else podman's default. */
  public Path authFileForLogin() {
    return authFile != null
        ? authFile
        : CredentialStore.defaultLoginAuthFile(System.getenv());
  }

  private RegistryAccess access() {
    Credentials explicit = creds == null ? null : Credentials.parse(creds);
    return RegistryAccess.builder()
        .credentials(CredentialStore.fromEnvironment(explicit, authFile))
        .tlsVerify(tlsVerify)
        .certDirectory(certDir)
        .retryPolicy(new RetryPolicy(Math.max(1, retry), Duration.ofMillis(Math.round(retryDelay * 1000)),
            Duration.ofSeconds(30)))
        .stallTimeout(Duration.ofMillis(Math.max(1, Math.round(stallTimeout * 1000))))
        .registriesConf(registriesConf)
        .userAgent("kubefile/" + new VersionProvider().version())
        .build();
  }
}
