package io.kubefile.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** Builds the {@link SSLContext} for one registry host from {@link TlsOptions}. */
final class TlsContexts {
  private TlsContexts() {}

  /** A context for clients that only speak plain HTTP: no trust material is loaded. */
  static SSLContext unused() throws IOException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[0], null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up the HTTP client: " + e.getMessage(), e);
    }
  }

  static SSLContext forHost(TlsOptions options, String hostAndPort) throws IOException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      if (!options.verify()) {
        context.init(null, new TrustManager[] {new TrustEverything()}, null);
        return context;
      }
      List<X509Certificate> extra = new ArrayList<>();
      if (options.certDirectory() != null) {
        extra.addAll(readCertificates(options.certDirectory()));
      }
      for (Path root : options.certsDRoots()) {
        // containers/image looks up "host:port"; docker also accepts a bare "host" directory.
        extra.addAll(readCertificates(root.resolve(hostAndPort)));
      }
      if (extra.isEmpty()) {
        context.init(null, null, null); // the JDK's default trust
        return context;
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int n = 0;
      for (X509Certificate ca : defaultTrustManager().getAcceptedIssuers()) {
        trust.setCertificateEntry("default-" + n++, ca);
      }
      for (X509Certificate ca : extra) {
        trust.setCertificateEntry("extra-" + n++, ca);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS for " + hostAndPort + ": " + e.getMessage(), e);
    }
  }

  /** Every certificate in the {@code *.crt} files of {@code directory}; none if it is missing. */
  static List<X509Certificate> readCertificates(Path directory) throws IOException {
    List<X509Certificate> certificates = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return certificates;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.crt")) {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Path file : files) {
        try (InputStream in = Files.newInputStream(file)) {
          for (Certificate c : factory.generateCertificates(in)) {
            certificates.add((X509Certificate) c);
          }
        } catch (GeneralSecurityException e) {
          throw new IOException("cannot read CA certificates from " + file + ": " + e.getMessage(), e);
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(e.getMessage(), e);
    }
    return certificates;
  }

  private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JVM has no X.509 trust manager");
  }

  /**
   * Accepts any certificate for any host name. The JDK checks host names inside the extended trust
   * manager, so this one also disables that check, which {@code --tls-verify=false} asks for.
   */
  private static final class TrustEverything extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
    @Override public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
