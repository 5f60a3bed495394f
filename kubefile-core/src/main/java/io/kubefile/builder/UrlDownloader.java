package io.kubefile.builder;

import io.kubefile.distribution.RegistryClient;
import io.kubefile.files.AtomicFiles;
import io.kubefile.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Downloads an {@code ADD https://…} source, verifying {@code --checksum} when given. The HTTP work is
 * the registry client's ({@link RegistryClient#openUrl}), so a download uses the TLS settings
 * ({@code --tls-verify}, {@code --cert-dir}), retries and stall timeout the build was given, like
 * every other network read.
 */
final class UrlDownloader {
  private UrlDownloader() {}

  static boolean isUrl(String source) {
    return source.startsWith("http://") || source.startsWith("https://");
  }

  /** The file name ADD gives a downloaded source: the last path segment, else "__unnamed__". */
  static String fileName(String url) {
    String path = URI.create(url).getPath();
    String base = path == null ? "" : PathNames.base(path);
    return base.isEmpty() ? "__unnamed__" : base;
  }

  static void download(RegistryClient client, String url, String checksum, Path target) throws IOException {
    Digest expected = null;
    if (checksum != null) {
      try {
        expected = Digest.parse(checksum);
      } catch (IllegalArgumentException e) {
        throw new BuildException("invalid checksum " + checksum + ": expected sha256:<hex>");
      }
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new BuildException("cannot download " + url + ": not a valid URL");
    }
    MessageDigest sha = Digest.newSha256();
    try (InputStream in = client.openUrl(uri)) {
      AtomicFiles.write(target, out -> {
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) > 0; ) {
          sha.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      });
    }
    Digest actual = Digest.ofSha256(sha);
    if (expected != null && !expected.equals(actual)) {
      Files.deleteIfExists(target);
      throw new BuildException("digest mismatch for " + url + ": expected " + expected + ", got " + actual);
    }
  }
}
