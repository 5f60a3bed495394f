package io.kubefile.save;

import io.kubefile.discovery.DiscoveredImage;
import io.kubefile.image.Digest;
import io.kubefile.registrydir.StorageTarget;

/**
 * An image stored in {@code registry/}.
 *
 * @param image what was asked for, with where it was found
 * @param target the repository and tag/digest it is served under
 * @param manifestDigest the stored root manifest (the platform manifest, or the index with {@code --all})
 * @param mediaType that manifest's media type
 * @param blobsDownloaded blobs this image had to fetch (neither in {@code registry/}, the local store,
 *     nor fetched by another image of the same save)
 * @param bytesDownloaded their total size
 */
public record SavedImage(
    DiscoveredImage image,
    StorageTarget target,
    Digest manifestDigest,
    String mediaType,
    int blobsDownloaded,
    long bytesDownloaded) {}
