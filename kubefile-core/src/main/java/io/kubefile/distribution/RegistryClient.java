package io.kubefile.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageReference;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client for OCI distribution registries: manifests, blobs, tags and the catalog, with
 * authentication, TLS options, retries and resumable downloads. Thread-safe; share one instance.
 *
 * <pre>{@code
 * RegistryClient client = RegistryClient.builder()
 *     .credentials(CredentialStore.fromEnvironment(null, null))
 *     .build();
 * RawManifest manifest = client.getManifest(ImageReference.parse("nginx:1.25"));
 * }</pre>
 */
public final class RegistryClient {
  /** containers/image's limit: larger "manifests" are refused rather than read into memory. */
  static final int MAX_MANIFEST_SIZE = 4 * 1024 * 1024;
  private static final String MANIFEST_ACCEPT = String.join(", ",
      MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST);
  private static final Pattern LINK_NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

  private final RegistryTransport transport;
  private final BlobDownloader downloader;
  private final BlobUploader uploader;
  private final int pageSize;
  private final Builder settings;

  private RegistryClient(Builder builder) {
    this.pageSize = builder.pageSize;
    this.settings = builder.copy();
    this.transport = new RegistryTransport(builder.credentials, builder.tls, builder.retry, builder.userAgent,
        builder.clock, builder.listener, new StallWatch(builder.stallTimeout));
    this.downloader = new BlobDownloader(transport, builder.listener);
    this.uploader = new BlobUploader(transport, builder.listener, builder.chunkSize, builder.chunkedThreshold);
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- manifests

  /**
   * Fetches the manifest {@code reference} names (by digest if it has one, else by tag). OCI and
   * Docker schema 2 manifests and indexes are accepted; schema 1 is refused. When the reference
   * has a digest, the bytes are verified against it.
   */
  public RawManifest getManifest(ImageReference reference) throws IOException {
    Repository repository = Repository.of(reference);
    Call call = Call.on("GET", repository, Call.Access.PULL, "/manifests/" + manifestKey(reference))
        .header("Accept", MANIFEST_ACCEPT)
        .notFound(manifestUnknown(reference));
    HttpResponse<InputStream> response = transport.send(call);
    if (response.statusCode() != 200) {
      throw transport.failure(call, response);
    }
    byte[] bytes;
    try (InputStream body = transport.watched(response.body())) {
      bytes = body.readNBytes(MAX_MANIFEST_SIZE + 1);
    } catch (StallWatch.StalledException e) {
      throw new RegistryException(RegistryException.Reason.CONNECTION,
          "reading the manifest of " + reference + " from " + reference.registry() + ": " + e.getMessage(), e);
    }
    if (bytes.length > MAX_MANIFEST_SIZE) {
      throw new RegistryException(RegistryException.Reason.PROTOCOL,
          "the manifest of " + reference + " is larger than " + MAX_MANIFEST_SIZE + " bytes; refusing it");
    }
    String mediaType = mediaTypeOf(response.headers().firstValue("Content-Type").orElse(""), bytes);
    if (MediaTypes.isSchema1(mediaType)) {
      throw new RegistryException(RegistryException.Reason.UNSUPPORTED,
          reference + " has a Docker schema 1 manifest, a deprecated format that is not supported;"
              + " push the image again with a current tool to convert it to schema 2 or OCI");
    }
    if (!MediaTypes.isManifest(mediaType) && !MediaTypes.isIndex(mediaType)) {
      throw new RegistryException(RegistryException.Reason.UNSUPPORTED,
          reference + " has an unsupported manifest media type \"" + mediaType + "\"");
    }
    Digest expected = reference.digest().map(Digest::parse).orElse(null);
    Digest actual = digestOf(bytes, expected);
    if (expected != null && !actual.equals(expected)) {
      throw new DigestMismatchException(expected,
          "manifest digest mismatch for " + reference + ": the registry sent content with digest " + actual);
    }
    return new RawManifest(bytes, mediaType, actual);
  }

  /**
   * The descriptor (media type, digest, size) of the manifest {@code reference} names, without
   * downloading it where the registry answers HEAD with {@code Docker-Content-Digest}; empty if
   * it does not exist.
   */
  public Optional<Descriptor> headManifest(ImageReference reference) throws IOException {
    Repository repository = Repository.of(reference);
    Call call = Call.on("HEAD", repository, Call.Access.PULL, "/manifests/" + manifestKey(reference))
        .header("Accept", MANIFEST_ACCEPT)
        .notFound(manifestUnknown(reference));
    HttpResponse<InputStream> response = transport.send(call);
    if (response.statusCode() != 200 && response.statusCode() != 404) {
      throw transport.failure(call, response);
    }
    RegistryTransport.discard(response);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    Optional<String> digestHeader = response.headers().firstValue("Docker-Content-Digest");
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (digestHeader.isEmpty() || contentType.isEmpty() || size < 0) {
      return Optional.of(getManifest(reference).descriptor()); // the registry told too little
    }
    Digest digest = Digest.parse(digestHeader.get().trim());
    if (reference.digest().isPresent() && !reference.digest().get().equals(digest.toString())) {
      throw new DigestMismatchException(digest,
          "the registry reports digest " + digest + " for " + reference);
    }
    return Optional.of(Descriptor.of(stripParameters(contentType), digest, size));
  }

  /**
   * Stores a manifest under {@code reference}'s tag (or digest, if it has no tag) and returns its
   * digest. Blobs it refers to must already be pushed.
   */
  public Digest putManifest(ImageReference reference, byte[] manifest, String mediaType) throws IOException {
    Objects.requireNonNull(mediaType, "mediaType");
    Digest digest = Digest.sha256(manifest);
    if (reference.digest().isPresent() && !reference.digest().get().equals(digest.toString())) {
      throw new DigestMismatchException(Digest.parse(reference.digest().get()),
          "the manifest to push to " + reference + " has digest " + digest);
    }
    Repository repository = Repository.of(reference);
    String key = reference.tag().orElse(digest.toString()); // digest-only references have no tag
    Call call = Call.on("PUT", repository, Call.Access.PUSH, "/manifests/" + key)
        .header("Content-Type", mediaType)
        .body(() -> BodyPublishers.ofByteArray(manifest))
        .notFound("name unknown: repository " + repository + " not found");
    HttpResponse<InputStream> response = transport.send(call);
    if (response.statusCode() != 201 && response.statusCode() != 200) {
      throw transport.failure(call, response);
    }
    RegistryTransport.discard(response);
    return digest;
  }

  /** Deletes a manifest by digest (registries refuse deleting by tag). */
  public void deleteManifest(Repository repository, Digest digest) throws IOException {
    Call call = Call.on("DELETE", repository, Call.Access.PUSH, "/manifests/" + digest)
        .notFound("manifest unknown: " + repository + "@" + digest + " not found");
    HttpResponse<InputStream> response = transport.send(call);
    if (response.statusCode() != 202 && response.statusCode() != 200) {
      throw transport.failure(call, response);
    }
    RegistryTransport.discard(response);
  }

  // ---------------------------------------------------------------- blobs

  /** Whether {@code repository} has the blob {@code digest} (HEAD). */
  public boolean blobExists(Repository repository, Digest digest) throws IOException {
    return uploader.exists(repository, Descriptor.of(MediaTypes.OCI_LAYER, digest, 0));
  }

  /**
   * {@link #blobExists} asked as the first step of a push: with push scope, so that a registry refusing
   * anonymous access says "push access denied" (not "pull"), and the token serves the upload too.
   */
  public boolean blobExistsForPush(Repository repository, Digest digest) throws IOException {
    return uploader.existsForPush(repository, Descriptor.of(MediaTypes.OCI_LAYER, digest, 0));
  }

  /**
   * Downloads a blob to {@code target}, verifying size and digest before it appears there.
   * Resumes after dropped connections; a {@link DigestMismatchException} leaves nothing behind.
   */
  public void fetchBlob(Repository repository, Descriptor blob, Path target) throws IOException {
    downloader.download(repository, blob, target);
  }

  /** {@link #pushBlob(Repository, Descriptor, BlobSource, BlobPushOptions)} with default options. */
  public PushResult pushBlob(Repository repository, Descriptor blob, BlobSource source) throws IOException {
    return uploader.push(repository, blob, source, BlobPushOptions.DEFAULT);
  }

  /**
   * Makes {@code repository} hold {@code blob}: nothing if it already does, a mount from {@code
   * options.mountFrom()} if given and the registry allows it, else an upload of {@code source}.
   */
  public PushResult pushBlob(Repository repository, Descriptor blob, BlobSource source, BlobPushOptions options)
      throws IOException {
    return uploader.push(repository, blob, source, options);
  }

  // ---------------------------------------------------------------- other URLs

  /**
   * Opens {@code url} (an {@code ADD https://...} source, not a registry) with this client's TLS
   * settings, retries and stall timeout, following redirects. The caller closes the stream.
   */
  public InputStream openUrl(URI url) throws IOException {
    return transport.openUrl(url);
  }

  // ---------------------------------------------------------------- login

  /**
   * Checks {@code credentials} against {@code registry} as {@code docker login} does: {@code GET
   * /v2/} answering the registry's challenge (Basic, or a token without scope). Uses this client's
   * TLS and retry settings but only the given credentials. Throws a {@link RegistryException}
   * ({@link RegistryException.Reason#UNAUTHORIZED}) when the registry rejects them.
   */
  public void checkLogin(String registry, Credentials credentials) throws IOException {
    RegistryTransport loginTransport = new RegistryTransport(CredentialsProvider.fixed(credentials),
        settings.tls, settings.retry, settings.userAgent, settings.clock, settings.listener,
        new StallWatch(settings.stallTimeout));
    Call call = Call.login(registry);
    HttpResponse<InputStream> response = loginTransport.send(call);
    if (response.statusCode() != 200) {
      throw loginTransport.failure(call, response);
    }
    RegistryTransport.discard(response);
  }

  // ---------------------------------------------------------------- listings

  /** All tags of {@code repository}, following {@code Link} pagination. */
  public List<String> listTags(Repository repository) throws IOException {
    Call first = Call.on("GET", repository, Call.Access.PULL, "/tags/list" + firstPageQuery())
        .notFound("name unknown: repository " + repository + " not found");
    return paginate(first, "tags", () -> Call.on("GET", repository, Call.Access.PULL, "")
        .notFound("name unknown: repository " + repository + " not found"));
  }

  /** All repositories of {@code registry} ({@code /v2/_catalog}), following pagination. */
  public List<String> catalog(String registry) throws IOException {
    Call first = Call.onRegistry("GET", registry, Call.Access.CATALOG, "/v2/_catalog" + firstPageQuery());
    return paginate(first, "repositories", () -> Call.onRegistry("GET", registry, Call.Access.CATALOG, ""));
  }

  private List<String> paginate(Call first, String field, java.util.function.Supplier<Call> next)
      throws IOException {
    List<String> items = new ArrayList<>();
    Call call = first;
    for (int page = 0; call != null; page++) {
      if (page > 10_000) {
        throw new RegistryException(RegistryException.Reason.PROTOCOL,
            call.registry + " paginates " + field + " without end");
      }
      HttpResponse<InputStream> response = transport.send(call);
      if (response.statusCode() != 200) {
        throw transport.failure(call, response);
      }
      JsonNode json;
      try (InputStream body = response.body()) {
        json = Json.mapper().readTree(body);
      }
      for (JsonNode item : json.path(field)) {
        items.add(item.asText());
      }
      call = null;
      for (String link : response.headers().allValues("Link")) {
        Matcher m = LINK_NEXT.matcher(link);
        if (m.find()) {
          URI nextUri = response.uri().resolve(m.group(1));
          call = next.get().uri(nextUri);
        }
      }
    }
    return items;
  }

  // ---------------------------------------------------------------- helpers

  private String firstPageQuery() {
    return pageSize > 0 ? "?n=" + pageSize : "";
  }

  private static String manifestKey(ImageReference reference) {
    return reference.digest().orElseGet(() -> reference.tag().orElse(ImageReference.DEFAULT_TAG));
  }

  private static String manifestUnknown(ImageReference reference) {
    return "manifest unknown: " + reference + " not found";
  }

  private static Digest digestOf(byte[] bytes, Digest like) throws RegistryException {
    if (like == null || like.algorithm().equals("sha256")) {
      return Digest.sha256(bytes);
    }
    MessageDigest hash = BlobDownloader.newDigest(like);
    return Digest.parse(like.algorithm() + ":" + HexFormat.of().formatHex(hash.digest(bytes)));
  }

  /** The media type from Content-Type, or from the JSON when the server sent a generic type. */
  static String mediaTypeOf(String contentType, byte[] bytes) {
    return MediaTypes.detect(contentType, bytes);
  }

  private static String stripParameters(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  /** Configures a {@link RegistryClient}; every setting has a sensible default. */
  public static final class Builder {
    private CredentialsProvider credentials = CredentialsProvider.ANONYMOUS;
    private TlsOptions tls = TlsOptions.DEFAULT;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private String userAgent = "kubefile";
    private ProgressListener listener = ProgressListener.NONE;
    private long chunkSize = 32L * 1024 * 1024;
    private long chunkedThreshold = 256L * 1024 * 1024;
    private Clock clock = Clock.systemUTC();
    private int pageSize;
    private Duration stallTimeout = StallWatch.DEFAULT_TIMEOUT;

    private Builder() {}

    private Builder copy() {
      Builder copy = new Builder();
      copy.credentials = credentials;
      copy.tls = tls;
      copy.retry = retry;
      copy.userAgent = userAgent;
      copy.listener = listener;
      copy.chunkSize = chunkSize;
      copy.chunkedThreshold = chunkedThreshold;
      copy.clock = clock;
      copy.pageSize = pageSize;
      copy.stallTimeout = stallTimeout;
      return copy;
    }

    /** Items per page asked of tag and catalog listings ({@code ?n=}); 0 leaves it to the server. */
    public Builder pageSize(int items) {
      this.pageSize = Math.max(0, items);
      return this;
    }

    public Builder credentials(CredentialsProvider credentials) {
      this.credentials = Objects.requireNonNull(credentials);
      return this;
    }

    public Builder tls(TlsOptions tls) {
      this.tls = Objects.requireNonNull(tls);
      return this;
    }

    public Builder retryPolicy(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry);
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent);
      return this;
    }

    public Builder progressListener(ProgressListener listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /** Size of each {@code PATCH} in a chunked upload (default 32 MiB). */
    public Builder chunkSize(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("chunk size must be positive");
      }
      this.chunkSize = bytes;
      return this;
    }

    /** Blobs larger than this are uploaded in chunks (default 256 MiB). */
    public Builder chunkedUploadThreshold(long bytes) {
      this.chunkedThreshold = bytes;
      return this;
    }

    /**
     * How long a response may send nothing before the read counts as failed (default 60 s): then it is
     * retried, a blob download resuming where it stopped, as after a dropped connection.
     */
    public Builder stallTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the stall timeout must be positive");
      }
      this.stallTimeout = timeout;
      return this;
    }

    public RegistryClient build() {
      return new RegistryClient(this);
    }
  }
}
