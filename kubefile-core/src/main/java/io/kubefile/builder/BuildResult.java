package io.kubefile.builder;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageConfig;
import java.util.List;

/** What a build produced: the image ID (config digest), its manifest, names and config. */
public record BuildResult(Digest imageId, Descriptor manifest, List<String> names, ImageConfig config,
    List<String> warnings) {}
