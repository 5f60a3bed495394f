package io.kubefile.copy;

import io.kubefile.KubefileException;
import io.kubefile.distribution.RegistriesConf.PullLocation;
import io.kubefile.distribution.RegistriesConf;
import io.kubefile.distribution.RegistryClient;
import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageReference;
import io.kubefile.image.access.CopySource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens images in registries as copy sources, honouring {@code registries.conf}: remapped
 * locations and mirrors (tried first, falling back to the origin). Pull, build and registry save
 * all read registries through this, so they share the same mirror behaviour.
 */
public final class RegistrySources {
  private final RegistryClient client;
  private final RegistryClient insecureClient;
  private final RegistriesConf conf;

  /**
   * @param client for ordinary locations
   * @param insecureClient for locations marked {@code insecure = true} (plain HTTP, unverified TLS)
   */
  public RegistrySources(RegistryClient client, RegistryClient insecureClient, RegistriesConf conf) {
    this.client = client;
    this.insecureClient = insecureClient;
    this.conf = conf;
  }

  /** Without registries.conf: every image comes from where its name says. */
  public static RegistrySources direct(RegistryClient client) {
    return new RegistrySources(client, client, RegistriesConf.EMPTY);
  }

  /** The image {@code reference} names, read from its mirrors or its location. */
  public CopySource open(ImageReference reference) throws IOException {
    List<PullLocation> locations = conf.pullLocations(reference);
    if (locations.size() == 1) {
      return sourceAt(locations.get(0));
    }
    List<CopySource> places = new ArrayList<>();
    for (PullLocation location : locations) {
      places.add(sourceAt(location));
    }
    return new MirroredSource(places);
  }

  /**
   * The descriptor of the manifest {@code reference} names, from the first place that answers;
   * empty when none has it. Failures of every place are thrown.
   */
  public Optional<Descriptor> head(ImageReference reference) throws IOException {
    Exception failure = null;
    for (PullLocation location : conf.pullLocations(reference)) {
      try {
        Optional<Descriptor> found = clientFor(location).headManifest(location.reference());
        if (found.isPresent()) {
          return found;
        }
      } catch (IOException | KubefileException e) {
        failure = e;
      }
    }
    if (failure instanceof IOException io) {
      throw io;
    }
    if (failure != null) {
      throw (KubefileException) failure;
    }
    return Optional.empty();
  }

  private CopySource sourceAt(PullLocation location) {
    return new RegistrySource(clientFor(location), location.reference());
  }

  private RegistryClient clientFor(PullLocation location) {
    return location.insecure() ? insecureClient : client;
  }
}
