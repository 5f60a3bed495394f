package io.kubefile.builder;

import io.kubefile.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;

/** Downloads an {@code ADD https://…} source, verifying {@code --checksum} when given. */
final class UrlDownloader {
  private static final HttpClient CLIENT = newClient();

  private static HttpClient newClient() {
    return HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NORMAL)
      .connectTimeout(Duration.ofSeconds(30))
      .build();
  }

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

  static void download(String url, String checksum, Path target) throws IOException {
    Digest expected = null;
    if (checksum != null) {
      try {
        expected = Digest.parse(checksum);
      } catch (IllegalArgumentException e) {
        throw new BuildException("invalid checksum " + checksum + ": expected sha256:<hex>");
      }
    }
    HttpResponse<InputStream> response;
    try {
      response = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while downloading " + url, e);
    } catch (IOException | IllegalArgumentException e) {
      throw new BuildException("cannot download " + url + ": " + e.getMessage());
    }
    if (response.statusCode() != 200) {
      response.body().close();
      throw new BuildException("cannot download " + url + ": HTTP " + response.statusCode());
    }
    MessageDigest sha = Digest.newSha256();
    try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(target)) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        sha.update(buf, 0, n);
        out.write(buf, 0, n);
      }
    }
    Digest actual = Digest.ofSha256(sha);
    if (expected != null && !expected.equals(actual)) {
      Files.deleteIfExists(target);
      throw new BuildException("digest mismatch for " + url + ": expected " + expected + ", got " + actual);
    }
  }
}
