package io.kubefile.maven;

import io.kubefile.ErrorMessages;
import io.kubefile.KubefileException;
import io.kubefile.copy.RegistryAccess;
import io.kubefile.copy.RegistrySources;
import io.kubefile.distribution.CredentialStore;
import io.kubefile.distribution.ProgressListener;
import io.kubefile.distribution.RegistryClient;
import io.kubefile.distribution.RetryPolicy;
import io.kubefile.image.Platform;
import io.kubefile.save.RegistrySaver;
import io.kubefile.store.ImageStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What every goal shares: the local store, how to reach registries, {@code skip}. A library failure
 * fails the build with the library's one-line message (a {@link MojoFailureException}: the input is
 * wrong, not the plugin); anything else is a {@link MojoExecutionException}.
 */
abstract class KubefileMojo extends AbstractMojo {
  /** The local store (an OCI layout); default {@code $KUBEFILE_ROOT}, else {@code ~/.local/share/kubefile}. */
  @Parameter(property = "kubefile.root")
  File storeRoot;

  /** Verify TLS certificates; false also allows plain HTTP. */
  @Parameter(property = "kubefile.tlsVerify", defaultValue = "true")
  boolean tlsVerify;

  /** Auth file (default: $REGISTRY_AUTH_FILE, $XDG_RUNTIME_DIR/containers/auth.json, ~/.docker/config.json). */
  @Parameter(property = "kubefile.authFile")
  File authFile;

  /** registries.conf with mirrors and remapping (default: as podman finds it). */
  @Parameter(property = "kubefile.registriesConf")
  File registriesConf;

  /** Attempts for a failing registry request. */
  @Parameter(property = "kubefile.retry", defaultValue = "5")
  int retry;

  /** Images saved into registry/ at once. */
  @Parameter(property = "kubefile.maxPullProcs", defaultValue = "5")
  int maxPullProcs;

  /** Skips the goal. */
  @Parameter(property = "kubefile.skip", defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${settings}", readonly = true)
  Settings settings;

  @Component
  SettingsDecrypter decrypter;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("kubefile: skipped");
      return;
    }
    try {
      run();
    } catch (KubefileException e) {
      throw new MojoFailureException(ErrorMessages.of(e), e);
    } catch (IOException e) {
      throw new MojoExecutionException(ErrorMessages.of(e), e);
    }
  }

  abstract void run() throws IOException, MojoFailureException;

  ImageStore store() throws IOException {
    return ImageStore.open(storeRoot != null ? storeRoot.toPath() : ImageStore.defaultRoot(System.getenv()));
  }

  /** Registry reads, through the mirrors and remapping of registries.conf like the CLI's. */
  RegistrySources sources() throws IOException {
    return access().sources(ProgressListener.NONE);
  }

  /**
   * How the context's images are saved into {@code registryDir}, as {@code kubefile registry save}
   * and the first step of {@code kubefile build} save them (the library's one saver).
   */
  RegistrySaver saver(Path context, Path registryDir, Platform platform, boolean allPlatforms, ImageStore store)
      throws IOException {
    return RegistrySaver.builder()
        .registryDirectory(registryDir)
        .sources(sources())
        .blobCache(store)
        .context(context)
        .platform(platform)
        .allPlatforms(allPlatforms)
        .maxParallelImages(maxPullProcs)
        .progress(getLog()::info)
        .warnings(getLog()::warn)
        .build();
  }

  /** A client for pushes, configured as the CLI's would be ({@link RegistryAccess}). */
  RegistryClient client() {
    return access().client(ProgressListener.NONE);
  }

  private RegistryAccess access() {
    return RegistryAccess.builder()
        .credentials(new SettingsCredentials(settings, decrypter,
            CredentialStore.fromEnvironment(null, authFile == null ? null : authFile.toPath())))
        .tlsVerify(tlsVerify)
        .retryPolicy(new RetryPolicy(Math.max(1, retry), Duration.ofMillis(500), Duration.ofSeconds(30)))
        .registriesConf(registriesConf == null ? null : registriesConf.toPath())
        .userAgent("kubefile-maven-plugin")
        .build();
  }
}
