package io.kubefile.copy;

import io.kubefile.KubefileException;
import io.kubefile.distribution.RegistryException;
import io.kubefile.image.Descriptor;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.CopySource;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One image reachable at several places (mirrors first, then the origin): the first place that
 * serves the root manifest is used; manifests and blobs it then fails to serve are asked of the
 * other places, which is safe because both are fetched by digest and verified.
 */
public final class MirroredSource implements CopySource {
  private static final System.Logger LOG = System.getLogger(MirroredSource.class.getName());

  private final List<CopySource> places;
  private volatile int chosen = -1;

  /** @param places in the order to try them; the last is usually the origin */
  public MirroredSource(List<CopySource> places) {
    if (places.isEmpty()) {
      throw new IllegalArgumentException("a mirrored source needs at least one place");
    }
    this.places = List.copyOf(places);
  }

  @Override
  public synchronized RawManifest root() throws IOException {
    List<Exception> failures = new ArrayList<>();
    int start = chosen >= 0 ? chosen : 0;
    for (int i = start; i < places.size(); i++) {
      try {
        RawManifest root = places.get(i).root();
        chosen = i;
        return root;
      } catch (IOException | KubefileException e) {
        LOG.log(Level.DEBUG, "{0} failed ({1}); trying the next place", places.get(i).describe(), e.getMessage());
        failures.add(e);
      }
    }
    throw combined(failures);
  }

  @Override
  public RawManifest manifest(Descriptor descriptor) throws IOException {
    List<Exception> failures = new ArrayList<>();
    for (CopySource place : inPreferredOrder()) {
      try {
        return place.manifest(descriptor);
      } catch (IOException | KubefileException e) {
        failures.add(e);
      }
    }
    throw combined(failures);
  }

  @Override
  public void fetchBlob(Descriptor blob, Path target) throws IOException {
    List<Exception> failures = new ArrayList<>();
    for (CopySource place : inPreferredOrder()) {
      try {
        place.fetchBlob(blob, target);
        return;
      } catch (IOException | KubefileException e) {
        LOG.log(Level.DEBUG, "blob {0} from {1} failed ({2})", blob.digest(), place.describe(), e.getMessage());
        failures.add(e);
      }
    }
    throw combined(failures);
  }

  /** The place that served the root first, then the others in configured order. */
  private List<CopySource> inPreferredOrder() {
    int first = Math.max(chosen, 0);
    List<CopySource> ordered = new ArrayList<>();
    ordered.add(places.get(first));
    for (int i = 0; i < places.size(); i++) {
      if (i != first) {
        ordered.add(places.get(i));
      }
    }
    return ordered;
  }

  /**
   * The last place's failure (the origin's, which users recognize), with the mirrors' attached; a
   * registry failure stays one, so callers still see why (not found, denied...).
   */
  private IOException combined(List<Exception> failures) {
    Exception last = failures.get(failures.size() - 1);
    if (failures.size() == 1) {
      return rethrown(last);
    }
    StringBuilder tried = new StringBuilder();
    for (int i = 0; i < failures.size() - 1; i++) {
      tried.append(i == 0 ? "" : "; ").append(failures.get(i).getMessage());
    }
    String message = last.getMessage() + " (mirrors failed too: " + tried + ")";
    Exception e = last instanceof RegistryException registry
        ? new RegistryException(registry.reason(), message, last)
        : last instanceof KubefileException ? new KubefileException(message, last) : new IOException(message, last);
    failures.subList(0, failures.size() - 1).forEach(e::addSuppressed);
    return rethrown(e);
  }

  /** An IOException to throw, or the unchecked failure thrown right here. */
  private static IOException rethrown(Exception e) {
    if (e instanceof IOException io) {
      return io;
    }
    throw (RuntimeException) e;
  }

  @Override
  public String describe() {
    return places.get(Math.max(chosen, 0)).describe();
  }
}
