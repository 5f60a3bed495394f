package io.kubefile.copy;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.CopySource;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** An image of the local store as a copy source (push, save): blobs are served from their files. */
public final class StoreSource implements CopySource {
  private final ImageStore store;
  private final StoredImage image;

  public StoreSource(ImageStore store, StoredImage image) {
    this.store = store;
    this.image = image;
  }

  @Override
  public RawManifest root() throws IOException {
    return read(image.entry());
  }

  @Override
  public RawManifest manifest(Descriptor descriptor) throws IOException {
    return read(descriptor);
  }

  private RawManifest read(Descriptor descriptor) throws IOException {
    byte[] bytes = store.readBlob(descriptor.digest());
    return new RawManifest(bytes, MediaTypes.detect(descriptor.mediaType(), bytes), descriptor.digest());
  }

  @Override
  public Optional<Path> localBlob(Digest digest) {
    return store.hasBlob(digest) ? Optional.of(store.blobPath(digest)) : Optional.empty();
  }

  @Override
  public void fetchBlob(Descriptor blob, Path target) throws IOException {
    if (!store.hasBlob(blob.digest())) {
      throw new IOException("the local store lacks blob " + blob.digest() + " of " + describe()
          + "; it may have been pruned: rebuild or pull the image again");
    }
    Files.copy(store.blobPath(blob.digest()), target, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public String describe() {
    return image.name() != null ? image.name() : image.id().toString();
  }
}
