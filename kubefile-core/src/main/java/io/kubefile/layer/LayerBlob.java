package io.kubefile.layer;

import io.kubefile.image.Digest;
import java.nio.file.Path;

/**
 * A finished layer: the file holding the blob, its digest and size, and the digest of its
 * uncompressed tar (the diff ID the image config lists). For uncompressed layers both digests are
 * the same.
 */
public record LayerBlob(Path file, String mediaType, Digest digest, long size, Digest diffId) {}
