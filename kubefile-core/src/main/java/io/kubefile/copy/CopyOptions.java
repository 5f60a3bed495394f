package io.kubefile.copy;

import io.kubefile.image.Platform;

/**
 * How to copy: the platform to pick from an index, or {@code allPlatforms} to keep the whole index
 * and every image it lists.
 *
 * @param requireMatch whether a single-platform image must be for {@code platform} too (pull
 *     {@code --platform}, FROM): otherwise only an index is narrowed to it, and a lone image of
 *     another platform is copied as it is (push, save)
 */
public record CopyOptions(Platform platform, boolean allPlatforms, boolean requireMatch) {
  /** An index narrowed to {@code platform}; a single-platform image whatever its platform. */
  public static CopyOptions forPlatform(Platform platform) {
    return new CopyOptions(platform, false, false);
  }

  /** The image for {@code platform}, and nothing else: another platform's image is an error. */
  public static CopyOptions exactly(Platform platform) {
    return new CopyOptions(platform, false, true);
  }

  public static CopyOptions all(Platform platform) {
    return new CopyOptions(platform, true, false);
  }
}
