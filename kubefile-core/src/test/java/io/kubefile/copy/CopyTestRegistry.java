package io.kubefile.copy;

import io.kubefile.distribution.FaultProxy;
import io.kubefile.distribution.RegistryClient;
import io.kubefile.distribution.RegistryServer;
import io.kubefile.image.ImageReference;
import io.kubefile.image.Platform;
import io.kubefile.store.ImageStore;
import io.kubefile.store.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real loopback docker-registry behind a {@link FaultProxy} (which counts downloads and injects
 * failures), with helpers to put test images into it through the copier.
 */
final class CopyTestRegistry implements AutoCloseable {
  final RegistryServer registry;
  final FaultProxy proxy;
  final RegistryClient client = RegistryClient.builder().build();
  final ExecutorService workers = Executors.newFixedThreadPool(4);

  CopyTestRegistry(Path dir) throws IOException {
    registry = RegistryServer.startPlain(dir);
    proxy = new FaultProxy(registry.host());
  }

  /** An image {@code seed} (two uncompressed layers) pushed as {@code proxy/REPO:v1}; returns its reference. */
  ImageReference push(ImageStore scratch, String repository, String seed) throws IOException {
    String name = "docker.io/test/" + repository + ":v1";
    scratch.tag(name, TestImages.store(scratch, seed, false));
    ImageReference target = ImageReference.parse(proxy.host() + "/" + repository + ":v1");
    new ImageCopier(new BlobCache(scratch), workers).copy(new StoreSource(scratch, scratch.findByName(name).orElseThrow()),
        new RegistrySink(client, target), CopyOptions.forPlatform(Platform.host()));
    proxy.clearLog();
    return target;
  }

  @Override
  public void close() throws IOException {
    workers.shutdownNow();
    proxy.close();
    registry.close();
  }
}
