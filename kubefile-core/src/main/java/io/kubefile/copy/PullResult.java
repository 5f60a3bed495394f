package io.kubefile.copy;

import io.kubefile.store.StoredImage;

/**
 * The image a pull left in the store.
 *
 * @param name the full normalized name it is stored under
 * @param pulled false when the policy let the stored copy stand without downloading
 */
public record PullResult(String name, StoredImage image, boolean pulled) {}
