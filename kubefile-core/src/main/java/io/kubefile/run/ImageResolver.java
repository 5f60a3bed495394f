package io.kubefile.run;

import io.kubefile.store.StoredImage;
import java.io.IOException;

/**
 * Turns an image argument into a stored image: a name in the local store, pulled when missing, or
 * an archive loaded into the store. Supplied by the caller (the CLI knows registries and policies).
 */
@FunctionalInterface
public interface ImageResolver {
  StoredImage resolve(String image) throws IOException;
}
