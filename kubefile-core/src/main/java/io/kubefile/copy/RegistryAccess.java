package io.kubefile.copy;

import io.kubefile.distribution.CredentialStore;
import io.kubefile.distribution.CredentialsProvider;
import io.kubefile.distribution.ProgressListener;
import io.kubefile.distribution.RegistriesConf;
import io.kubefile.distribution.RegistryClient;
import io.kubefile.distribution.RetryPolicy;
import io.kubefile.distribution.TlsOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a user configured the way to registries (credentials, TLS, retries, {@code registries.conf}),
 * turned into the {@link RegistryClient} and the {@link RegistrySources} every command reads and
 * writes through. The CLI's flags and the Maven plugin's parameters both end here, so the two front
 * ends cannot drift apart (they did: the plugin looked for registries.conf under {@code user.home}
 * instead of {@code $HOME}).
 */
public final class RegistryAccess {
  private final CredentialsProvider credentials;
  private final boolean tlsVerify;
  private final Path certDirectory;
  private final RetryPolicy retryPolicy;
  private final Duration stallTimeout;
  private final Path registriesConf;
  private final String userAgent;

  private RegistryAccess(Builder b) {
    this.credentials = b.credentials;
    this.tlsVerify = b.tlsVerify;
    this.certDirectory = b.certDirectory;
    this.retryPolicy = b.retryPolicy;
    this.stallTimeout = b.stallTimeout;
    this.registriesConf = b.registriesConf;
    this.userAgent = b.userAgent;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A client for registry writes and direct reads, verifying TLS unless configured not to. */
  public RegistryClient client(ProgressListener progress) {
    return client(progress, tlsVerify);
  }

  /**
   * Registry reads through {@code registries.conf} (mirrors, remapped prefixes, blocked registries);
   * locations it marks {@code insecure} get a client that allows plain HTTP and unverified TLS.
   */
  public RegistrySources sources(ProgressListener progress) throws IOException {
    RegistriesConf conf = RegistriesConf.load(registriesConf, System.getenv(), CredentialStore.home(System.getenv()));
    return new RegistrySources(client(progress, tlsVerify), client(progress, false), conf);
  }

  private RegistryClient client(ProgressListener progress, boolean verify) {
    TlsOptions tls = verify ? TlsOptions.DEFAULT : TlsOptions.insecure();
    if (certDirectory != null) {
      tls = tls.withCertDirectory(certDirectory);
    }
    RegistryClient.Builder client = RegistryClient.builder()
        .credentials(credentials)
        .tls(tls)
        .retryPolicy(retryPolicy)
        .userAgent(userAgent)
        .progressListener(progress == null ? ProgressListener.NONE : progress);
    if (stallTimeout != null) {
      client.stallTimeout(stallTimeout);
    }
    return client.build();
  }

  /** Every setting has the default a user gets without configuring anything. */
  public static final class Builder {
    private CredentialsProvider credentials = CredentialsProvider.ANONYMOUS;
    private boolean tlsVerify = true;
    private Path certDirectory;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Duration stallTimeout;
    private Path registriesConf;
    private String userAgent = "kubefile";

    private Builder() {}

    public Builder credentials(CredentialsProvider value) {
      this.credentials = Objects.requireNonNull(value, "credentials");
      return this;
    }

    /** False also allows plain HTTP. */
    public Builder tlsVerify(boolean value) {
      this.tlsVerify = value;
      return this;
    }

    /** Extra CA certificates ({@code *.crt}) to trust; null for none. */
    public Builder certDirectory(Path value) {
      this.certDirectory = value;
      return this;
    }

    public Builder retryPolicy(RetryPolicy value) {
      this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
      return this;
    }

    /** See {@link RegistryClient.Builder#stallTimeout}; null keeps the client's default. */
    public Builder stallTimeout(Duration value) {
      this.stallTimeout = value;
      return this;
    }

    /** An explicit registries.conf; null looks where podman looks. */
    public Builder registriesConf(Path value) {
      this.registriesConf = value;
      return this;
    }

    public Builder userAgent(String value) {
      this.userAgent = Objects.requireNonNull(value, "userAgent");
      return this;
    }

    public RegistryAccess build() {
      return new RegistryAccess(this);
    }
  }
}
