package io.kubefile.merge;

import io.kubefile.builder.BaseImageResolver;
import io.kubefile.builder.KubefileBuilder;
import io.kubefile.image.Platform;
import io.kubefile.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares {@code merge -t NEW IMAGE...}: reads each input's config through {@code resolver} (the
 * build's own way of finding FROM images, so pull policy and platform apply alike), writes the
 * merged Sealfile into an empty context and hands back a builder for it. The caller adds store,
 * tags and the rest, and builds: one build path for {@code build} and {@code merge}.
 */
public final class ImageMerge {
  /** The instruction file's name, as sealos writes it. */
  public static final String SEALFILE = "Sealfile";

  private ImageMerge() {}

  public static KubefileBuilder builder(List<String> images, BaseImageResolver resolver,
      Platform platform, Path emptyContext) throws IOException {
    if (images.isEmpty()) {
      throw new MergeException("merge needs at least one image");
    }
    List<MergeInput> inputs = new ArrayList<>();
    for (String image : images) {
      inputs.add(new MergeInput(image, resolver.resolve(image, platform).config()));
    }
    Files.createDirectories(emptyContext);
    Path sealfile = emptyContext.resolve(SEALFILE);
    AtomicFiles.write(sealfile, MergeSealfile.render(ConfigMerge.merge(inputs))
        .getBytes(StandardCharsets.UTF_8));
    return KubefileBuilder.forContext(emptyContext).instructionFile(sealfile).baseImages(resolver)
        .platform(platform);
  }
}
