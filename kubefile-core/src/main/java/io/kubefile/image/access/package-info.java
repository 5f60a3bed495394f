/**
 * How images are read and written, whatever the medium: a {@link
 * io.kubefile.image.access.CopySource} serves an image's exact manifest bytes and verified blobs
 * (a registry, the store or an {@code oci:} layout, an archive), a {@link
 * io.kubefile.image.access.CopySink} takes them. Every command that moves or reads an image
 * (pull, push, load, save, inspect, FROM, registry save) is a copy or a read through these, in the
 * manner of go-containerregistry's {@code v1.Image} and containers/image's {@code ImageSource}.
 */
package io.kubefile.image.access;
