package io.kubefile.distribution;

import io.kubefile.image.Descriptor;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Pushes one blob: HEAD first (nothing to do if present), then a cross-repository mount when a
 * source repository is known, else an upload session ({@code POST}) completed either monolithically
 * ({@code PUT ?digest=} with the whole body) or in {@code PATCH} chunks with {@code Content-Range}.
 * A session that fails midway is abandoned and the push restarts with a new one, since its
 * server-side state is unknown.
 */
final class BlobUploader {
  private static final String OCTET_STREAM = "application/octet-stream";

  private final RegistryTransport transport;
  private final ProgressListener listener;
  private final long chunkSize;
  private final long chunkedThreshold;

  BlobUploader(RegistryTransport transport, ProgressListener listener, long chunkSize, long chunkedThreshold) {
    this.transport = transport;
    this.listener = listener;
    this.chunkSize = chunkSize;
    this.chunkedThreshold = chunkedThreshold;
  }

  boolean exists(Repository repository, Descriptor blob) throws IOException {
    Call call = Call.on("HEAD", repository, Call.Access.PULL, "/blobs/" + blob.digest());
    return headStatus(call);
  }

  private boolean headStatus(Call call) throws IOException {
    HttpResponse<InputStream> response = transport.send(call);
    return switch (response.statusCode()) {
      case 200 -> {
        RegistryTransport.discard(response);
        yield true;
      }
      case 404 -> {
        RegistryTransport.discard(response);
        yield false;
      }
      default -> throw transport.failure(call, response);
    };
  }

  PushResult push(Repository repository, Descriptor blob, BlobSource source, BlobPushOptions options)
      throws IOException {
    if (existsForPush(repository, blob)) {
      listener.finished(blob, ProgressListener.BlobOutcome.ALREADY_IN_REGISTRY);
      return PushResult.ALREADY_EXISTS;
    }
    RetryPolicy retry = transport.retryPolicy();
    for (int attempt = 1; ; attempt++) {
      try {
        PushResult result = pushOnce(repository, blob, source, options);
        listener.finished(blob, result == PushResult.MOUNTED
            ? ProgressListener.BlobOutcome.MOUNTED
            : ProgressListener.BlobOutcome.UPLOADED);
        return result;
      } catch (RegistryException e) {
        if (attempt >= retry.maxAttempts() || !isSessionFailure(e)) {
          throw e;
        }
        RegistryTransport.sleep(retry.delayAfter(attempt));
      }
    }
  }

  /** HEAD with push scope, so that the token fetched for it serves the upload too. */
  boolean existsForPush(Repository repository, Descriptor blob) throws IOException {
    Call call = Call.on("HEAD", repository, Call.Access.PUSH, "/blobs/" + blob.digest());
    return headStatus(call);
  }

  private static boolean isSessionFailure(RegistryException e) {
    return switch (e.reason()) {
      case CONNECTION, SERVER_ERROR, TOO_MANY_REQUESTS -> true;
      default -> e.errorCodes().contains("BLOB_UPLOAD_UNKNOWN");
    };
  }

  private PushResult pushOnce(Repository repository, Descriptor blob, BlobSource source, BlobPushOptions options)
      throws IOException {
    Repository from = options.mountFrom();
    boolean mount = from != null && from.registry().equals(repository.registry()) && !from.equals(repository);
    Call start = Call.on("POST", repository, Call.Access.PUSH,
        "/blobs/uploads/" + (mount ? "?mount=" + blob.digest() + "&from=" + encode(from.path()) : ""));
    if (mount) {
      start.scope(Scope.pull(from));
    }
    HttpResponse<InputStream> started = transport.send(start);
    if (mount && started.statusCode() == 201) {
      RegistryTransport.discard(started);
      return PushResult.MOUNTED;
    }
    if (started.statusCode() != 202) {
      throw transport.failure(start, started);
    }
    URI location = location(start, started);
    RegistryTransport.discard(started);
    listener.started(blob);
    if (options.chunked() || blob.size() > chunkedThreshold) {
      uploadChunks(repository, blob, source, location);
    } else {
      Call put = Call.on("PUT", repository, Call.Access.PUSH, "")
          .uri(withDigest(location, blob))
          .header("Content-Type", OCTET_STREAM)
          .body(publisher(source, blob, 0, blob.size()))
          .notRetryable()
          .noTimeout();
      expectCreated(put, transport.send(put));
    }
    return PushResult.UPLOADED;
  }

  private void uploadChunks(Repository repository, Descriptor blob, BlobSource source, URI location)
      throws IOException {
    long offset = 0;
    while (offset < blob.size()) {
      long length = Math.min(chunkSize, blob.size() - offset);
      Call patch = Call.on("PATCH", repository, Call.Access.PUSH, "")
          .uri(location)
          .header("Content-Type", OCTET_STREAM)
          .header("Content-Range", offset + "-" + (offset + length - 1))
          .body(publisher(source, blob, offset, length))
          .notRetryable()
          .noTimeout();
      HttpResponse<InputStream> response = transport.send(patch);
      if (response.statusCode() != 202) {
        throw transport.failure(patch, response);
      }
      location = location(patch, response);
      RegistryTransport.discard(response);
      offset += length;
    }
    Call put = Call.on("PUT", repository, Call.Access.PUSH, "")
        .uri(withDigest(location, blob))
        .notRetryable();
    expectCreated(put, transport.send(put));
  }

  private void expectCreated(Call call, HttpResponse<InputStream> response) throws IOException {
    if (response.statusCode() != 201) {
      RegistryException failure = transport.failure(call, response);
      if (failure.reason() == RegistryException.Reason.DIGEST_MISMATCH) {
        throw new DigestMismatchException(null,
            "the registry rejected the upload to " + call.subject()
                + ": its content does not match the digest (" + failure.getMessage() + ")");
      }
      throw failure;
    }
    RegistryTransport.discard(response);
  }

  private URI location(Call call, HttpResponse<InputStream> response) throws RegistryException {
    String header = response.headers().firstValue("Location").orElseThrow(() ->
        new RegistryException(RegistryException.Reason.PROTOCOL,
            call.registry + " answered " + call + " without an upload Location"));
    return response.uri().resolve(header);
  }

  private static URI withDigest(URI location, Descriptor blob) {
    String text = location.toString();
    return URI.create(text + (location.getRawQuery() == null ? "?" : "&") + "digest=" + encode(blob.digest().toString()));
  }

  private Supplier<BodyPublisher> publisher(BlobSource source, Descriptor blob, long offset, long length) {
    if (length == 0) {
      return BodyPublishers::noBody;
    }
    return () -> BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> {
      try {
        InputStream in = source.open();
        in.skipNBytes(offset);
        return new CountingStream(in, blob, offset, length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }), length);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Yields at most {@code length} bytes and reports progress. */
  private final class CountingStream extends FilterInputStream {
    private final Descriptor blob;
    private long position;
    private final long end;

    CountingStream(InputStream in, Descriptor blob, long offset, long length) {
      super(in);
      this.blob = blob;
      this.position = offset;
      this.end = offset + length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position >= end) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, end - position));
      if (n > 0) {
        position += n;
        listener.progressed(blob, position);
      }
      return n;
    }
  }
}
