package io.kubefile.distribution;

import io.kubefile.ErrorMessages;
import io.kubefile.files.AtomicFiles;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one blob to a file: streamed into a temporary file beside the target, hashed on the
 * way, resumed with {@code Range: bytes=N-} after a dropped connection when the server answers
 * 206 (restarted from zero otherwise), and renamed onto the target only once size and digest are
 * verified. So the target path never holds a partial or wrong blob.
 */
final class BlobDownloader {
  private static final int BUFFER_SIZE = 128 * 1024;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");

  /** The network stream failed mid-body: worth resuming. */
  private static final class BodyInterrupted extends Exception {
    final long bytesWritten;

    BodyInterrupted(String message, long bytesWritten, Throwable cause) {
      super(message, cause);
      this.bytesWritten = bytesWritten;
    }
  }

  private final RegistryTransport transport;
  private final ProgressListener listener;

  BlobDownloader(RegistryTransport transport, ProgressListener listener) {
    this.transport = transport;
    this.listener = listener;
  }

  void download(Repository repository, Descriptor blob, Path target) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path partial = Files.createTempFile(directory, "." + target.getFileName() + ".", ".partial");
    try {
      try (FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE)) {
        MessageDigest hash = newDigest(blob.digest());
        long written = receive(repository, blob, out, hash);
        if (written != blob.size()) {
          throw new DigestMismatchException(blob.digest(),
              "blob " + blob.digest() + " from " + repository + " has " + written
                  + " bytes, but its descriptor says " + blob.size());
        }
        Digest actual = Digest.parse(blob.digest().algorithm() + ":" + HexFormat.of().formatHex(hash.digest()));
        if (!actual.equals(blob.digest())) {
          throw new DigestMismatchException(blob.digest(),
              "digest mismatch for blob from " + repository + ": expected " + blob.digest()
                  + ", got " + actual + " (the download was corrupted or the registry is serving wrong content)");
        }
        out.force(true);
      }
      AtomicFiles.replace(partial, target);
      listener.finished(blob, ProgressListener.BlobOutcome.DOWNLOADED);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** Fills {@code out} with the blob, resuming or restarting after interruptions; returns its size. */
  private long receive(Repository repository, Descriptor blob, FileChannel out, MessageDigest hash)
      throws IOException {
    RetryPolicy retry = transport.retryPolicy();
    long written = 0;
    int interruptions = 0;
    listener.started(blob);
    while (true) {
      Call call = Call.on("GET", repository, Call.Access.PULL, "/blobs/" + blob.digest())
          .notFound("blob unknown: " + repository + "@" + blob.digest() + " not found");
      if (written > 0) {
        call.header("Range", "bytes=" + written + "-");
      }
      HttpResponse<InputStream> response = transport.send(call);
      int status = response.statusCode();
      boolean resumed = status == 206 && written > 0 && contentRangeStart(response).orElse(-1L) == written;
      if (status == 206 && !resumed || status != 200 && status != 206) {
        if (status == 206 || status == 416) {
          // A range we did not ask for, or one the server will not serve: start over.
          RegistryTransport.discard(response);
          written = restart(blob, out, hash);
          if (++interruptions >= retry.maxAttempts()) {
            throw new RegistryException(RegistryException.Reason.PROTOCOL,
                repository.registry() + " answered " + status + " to a range request for " + blob.digest());
          }
          continue;
        }
        throw transport.failure(call, response);
      }
      if (status == 200 && written > 0) {
        written = restart(blob, out, hash); // the server ignored Range: take the whole blob again
      }
      try {
        written = copy(response.body(), out, hash, written, blob, repository);
        if (written < blob.size()) {
          throw new BodyInterrupted(
              "the connection closed after " + written + " of " + blob.size() + " bytes", written, null);
        }
        return written;
      } catch (BodyInterrupted e) {
        written = e.bytesWritten; // what the file and the hash hold: resume from there
        if (++interruptions >= retry.maxAttempts()) {
          throw new RegistryException(RegistryException.Reason.CONNECTION,
              "downloading blob " + blob.digest() + " from " + repository + " failed after "
                  + interruptions + " attempts: " + e.getMessage(), e.getCause());
        }
        transport.retryAfter(repository + ": blob " + blob.digest().shortHex(), e.getMessage(), interruptions,
            retry.maxAttempts(), retry.delayAfter(interruptions));
      }
    }
  }

  private long restart(Descriptor blob, FileChannel out, MessageDigest hash) throws IOException {
    out.truncate(0);
    out.position(0);
    hash.reset();
    listener.started(blob);
    return 0;
  }

  private long copy(InputStream response, FileChannel out, MessageDigest hash, long written,
      Descriptor blob, Repository repository) throws IOException, BodyInterrupted {
    InputStream body = transport.watched(response);
    byte[] buffer = new byte[BUFFER_SIZE];
    try {
      while (true) {
        int n;
        try {
          n = body.read(buffer);
        } catch (StallWatch.StalledException e) {
          throw new BodyInterrupted(e.getMessage() + " after " + written + " bytes", written, e);
        } catch (IOException e) {
          throw new BodyInterrupted(
              "the connection failed after " + written + " bytes: " + ErrorMessages.of(e), written, e);
        }
        if (n < 0) {
          return written;
        }
        if (written + n > blob.size()) {
          throw new DigestMismatchException(blob.digest(),
              "blob " + blob.digest() + " from " + repository + " is larger than the "
                  + blob.size() + " bytes its descriptor says");
        }
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          out.write(chunk); // a local write failure is not retried: it propagates
        }
        hash.update(buffer, 0, n);
        written += n;
        listener.progressed(blob, written);
      }
    } finally {
      try {
        body.close();
      } catch (IOException ignored) {
        // Closing a broken connection may fail; the data read so far is already accounted for.
      }
    }
  }

  private static Optional<Long> contentRangeStart(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Range").flatMap(value -> {
      Matcher m = CONTENT_RANGE.matcher(value.trim());
      return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    });
  }

  static MessageDigest newDigest(Digest digest) throws RegistryException {
    String name = switch (digest.algorithm()) {
      case "sha256" -> "SHA-256";
      case "sha384" -> "SHA-384";
      case "sha512" -> "SHA-512";
      default -> null;
    };
    try {
      if (name != null) {
        return MessageDigest.getInstance(name);
      }
    } catch (NoSuchAlgorithmException e) {
      // fall through to the error below
    }
    throw new RegistryException(RegistryException.Reason.UNSUPPORTED,
        "unsupported digest algorithm \"" + digest.algorithm() + "\" in " + digest);
  }
}
