package io.kubefile.copy;

import io.kubefile.image.Platform;

/**
 * How to copy: the platform to pick from an index, or {@code allPlatforms} to keep the whole index
 * and every image it lists.
 */
public record CopyOptions(Platform platform, boolean allPlatforms) {
  public static CopyOptions forPlatform(Platform platform) {
    return new CopyOptions(platform, false);
  }

  public static CopyOptions all(Platform platform) {
    return new CopyOptions(platform, true);
  }
}
