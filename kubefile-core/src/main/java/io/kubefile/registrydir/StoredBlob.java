package io.kubefile.registrydir;

import io.kubefile.image.Digest;

/**
 * The outcome of storing a blob.
 *
 * @param written false when verified content already present was reused (nothing was rewritten)
 */
public record StoredBlob(Digest digest, long size, boolean written) {}
