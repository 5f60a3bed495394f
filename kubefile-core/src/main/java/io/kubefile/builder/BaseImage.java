package io.kubefile.builder;

import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageConfig;
import io.kubefile.image.ImageManifest;

/** An image a stage starts FROM, or copies from: its normalized name, manifest and config. */
public record BaseImage(String name, Descriptor manifestDescriptor, ImageManifest manifest, ImageConfig config) {}
