package io.kubefile.merge;

import io.kubefile.image.ImageConfig;

/** One image to merge: its name as the user gave it (it goes into {@code COPY --from}) and config. */
public record MergeInput(String name, ImageConfig config) {}
