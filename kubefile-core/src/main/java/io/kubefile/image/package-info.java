/**
 * The OCI image model, independent of where an image lives: references, digests, descriptors,
 * manifests and indexes (with their exact bytes, {@link io.kubefile.image.RawManifest}), configs,
 * media types (detected in one place, {@link io.kubefile.image.MediaTypes#detect}) and platforms
 * (parsed and picked by one rule, {@link io.kubefile.image.PlatformSelector}). Reading and writing
 * images is {@link io.kubefile.image.access}.
 */
package io.kubefile.image;
