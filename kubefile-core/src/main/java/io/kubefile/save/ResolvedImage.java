package io.kubefile.save;

import io.kubefile.copy.CopyOptions;
import io.kubefile.discovery.DiscoveredImage;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageReference;

/**
 * An image whose root manifest is known, ready to copy.
 *
 * @param storedAs the name it is stored under (for an unnamed archive, the name recorded inside it)
 * @param taggedManifest the manifest its tag will point to: the selected platform's, or the index
 * @param options what to copy: one platform, or the whole index
 */
record ResolvedImage(
    DiscoveredImage image, MeteredSource source, ImageReference storedAs, Digest taggedManifest, CopyOptions options) {}
