/**
 * Moving images between media: pull into the store, push out of it, save to and load from
 * archives, layouts and {@code registry/} directories, and the one copier behind all of them
 * ({@link io.kubefile.copy.ImageCopier}), which transfers each blob once, in parallel, verified,
 * through the sources and sinks of {@link io.kubefile.image.access}: one adapter per medium, each
 * a source and a sink (registry, store and {@code oci:}, oci-archive, docker-archive, {@code
 * registry/}); plus mirrors from {@code registries.conf} and layer compression for pushes.
 */
package io.kubefile.copy;
