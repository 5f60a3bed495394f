package io.kubefile.distribution;

/**
 * Options for one {@link RegistryClient#pushBlob} call.
 *
 * @param mountFrom a repository on the same registry known to hold the blob, to mount from instead
 *     of uploading; null for none
 * @param chunked upload in {@code PATCH} chunks even if the blob is small
 */
public record BlobPushOptions(Repository mountFrom, boolean chunked) {
  public static final BlobPushOptions DEFAULT = new BlobPushOptions(null, false);

  public static BlobPushOptions mountFrom(Repository source) {
    return new BlobPushOptions(source, false);
  }

  public static BlobPushOptions chunkedUpload() {
    return new BlobPushOptions(null, true);
  }
}
