package io.kubefile.copy;

import io.kubefile.image.Descriptor;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.CopySink;
import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The local store as a copy target (pull, load): blobs are linked in, names recorded last. */
public final class StoreSink implements CopySink {
  private final ImageStore store;
  private final List<String> names;
  private final boolean deferNaming;
  private Descriptor committed;

  /** @param names full names to give the copied image; empty records it unnamed */
  public StoreSink(ImageStore store, List<String> names) {
    this(store, names, false);
  }

  private StoreSink(ImageStore store, List<String> names, boolean deferNaming) {
    this.store = store;
    this.names = List.copyOf(names);
    this.deferNaming = deferNaming;
  }

  /**
   * A sink that stores content but leaves naming to the caller ({@link #committed()}), so that a
   * load of several images names all of them in one index update, or none.
   */
  public static StoreSink withoutNaming(ImageStore store) {
    return new StoreSink(store, List.of(), true);
  }

  /** The root manifest the copy committed, for a sink made {@link #withoutNaming}. */
  public Descriptor committed() {
    return committed;
  }

  @Override
  public boolean requiresOciMediaTypes() {
    return true;
  }

  @Override
  public boolean hasBlob(Descriptor blob) {
    return store.hasBlob(blob.digest());
  }

  @Override
  public void putBlob(Descriptor blob, Path file, boolean owned) throws IOException {
    if (!file.equals(store.blobPath(blob.digest()))) {
      store.importBlob(file, blob.digest());
      if (owned) {
        Files.deleteIfExists(file);
      }
    }
  }

  @Override
  public void putManifest(RawManifest manifest) throws IOException {
    store.putBlob(manifest.bytes());
  }

  @Override
  public void commit(RawManifest root) throws IOException {
    Descriptor descriptor = root.descriptor();
    committed = descriptor;
    if (deferNaming) {
      return;
    }
    if (names.isEmpty()) {
      store.addUnnamed(descriptor);
      return;
    }
    java.util.Map<String, Descriptor> tagged = new java.util.LinkedHashMap<>();
    names.forEach(n -> tagged.put(n, descriptor));
    store.tagAll(tagged);
  }

  @Override
  public String describe() {
    return "local store " + store.root();
  }
}
