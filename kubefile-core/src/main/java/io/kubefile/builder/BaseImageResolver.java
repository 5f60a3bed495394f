package io.kubefile.builder;

import io.kubefile.image.Platform;
import java.io.IOException;

/** Finds the image a {@code FROM} or {@code COPY --from} names, pulling it if the policy allows. */
@FunctionalInterface
public interface BaseImageResolver {
  BaseImage resolve(String reference, Platform platform) throws IOException;
}
