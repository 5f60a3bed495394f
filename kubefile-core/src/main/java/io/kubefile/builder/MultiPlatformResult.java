package io.kubefile.builder;

import io.kubefile.image.Descriptor;
import java.util.List;

/** What a multi-platform build produced: the index, its names, and each platform's image in order. */
public record MultiPlatformResult(Descriptor index, List<String> names, List<BuildResult> platforms) {}
