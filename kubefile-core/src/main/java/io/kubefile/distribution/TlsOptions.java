package io.kubefile.distribution;

import java.nio.file.Path;
import java.util.List;

/**
 * Transport security. TLS is verified against the JDK's trusted CAs by default. Extra CAs come
 * from {@code *.crt} files in {@link #certDirectory()} (for every registry, like skopeo's {@code
 * --cert-dir}) and in {@code <root>/<host:port>/} under each of {@link #certsDRoots()} (like
 * {@code /etc/containers/certs.d}). With {@code verify=false}, certificates are not checked and
 * plain HTTP is allowed for every registry (skopeo's {@code --tls-verify=false}).
 *
 * <p>Loopback registries ({@code 127.0.0.0/8}, {@code ::1}, {@code localhost}) may always use
 * plain HTTP: the client tries HTTPS and falls back when the server does not speak TLS, as docker
 * treats them as insecure registries.
 */
public record TlsOptions(boolean verify, Path certDirectory, List<Path> certsDRoots) {

  public static final TlsOptions DEFAULT = new TlsOptions(true, null, List.of());

  public TlsOptions {
    certsDRoots = certsDRoots == null ? List.of() : List.copyOf(certsDRoots);
  }

  public static TlsOptions insecure() {
    return new TlsOptions(false, null, List.of());
  }

  public TlsOptions withCertDirectory(Path directory) {
    return new TlsOptions(verify, directory, certsDRoots);
  }

  public TlsOptions withCertsDRoots(List<Path> roots) {
    return new TlsOptions(verify, certDirectory, roots);
  }
}
