package io.kubefile.run;

import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code create}: an image's files in a working directory, extracted from the store (no runtime,
 * no mount) and with its {@code .tmpl} files rendered with the given env, plus the command line
 * {@code run} would send for it. The same extraction and rendering {@link RunPipeline} uses.
 */
public final class CreatePipeline {
  private final ClusterfileStore clusterfiles;
  private final ImageStore store;
  private final ImageResolver resolver;
  private String dataRoot = RemotePaths.DEFAULT_DATA_ROOT;

  public CreatePipeline(ClusterfileStore clusterfiles, ImageStore store, ImageResolver resolver) {
    this.clusterfiles = clusterfiles;
    this.store = store;
    this.resolver = resolver;
  }

  /** Where {@code run} would put the files on the hosts ({@code SEALOS_DATA_ROOT}), which the printed commands name. */
  public CreatePipeline dataRoot(String value) {
    this.dataRoot = value;
    return this;
  }

  /** The working directory and the command {@code run} would execute (null when the image has none). */
  public record Result(Path directory, ImageType type, String command) {}

  public Result create(String cluster, String imageName, Map<String, String> cliEnv) throws IOException {
    InstallEnv.requireNoSystemKeys(cliEnv, "--env");
    ClusterImage image = ClusterImage.of(imageName, resolver.resolve(imageName));
    Path dir = clusterfiles.clusterDir(cluster).resolve("mounts").resolve(image.mountName(cluster));
    Map<String, String> env = InstallEnv.imageEnv(image, Map.of(), cliEnv);
    Map<String, String> mapping = new java.util.LinkedHashMap<>(env);
    if (image.type().onEveryHost()) {
      mapping.putAll(InstallEnv.builtins(image.labels().get("version")));
    }
    ImageFiles.prepare(store, image.stored(), dir, mapping);
    RemotePaths paths = new RemotePaths(dataRoot == null ? RemotePaths.DEFAULT_DATA_ROOT : dataRoot, cluster);
    String workdir = image.type().onEveryHost() ? paths.rootfs() : paths.workdir(image.mountName(cluster));
    String command = GuestCommands.imageCommands(image.entrypoint(), image.cmd(), workdir, env, mapping);
    return new Result(dir, image.type(), command);
  }

}
