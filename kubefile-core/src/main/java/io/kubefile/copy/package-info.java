/**
 * Moving images between media: pull into the store, push out of it, and the copier behind both,
 * which transfers each blob once, in parallel, verified, through the sources and sinks of
 * {@link io.kubefile.image.access}; plus mirrors from {@code registries.conf} and layer compression
 * for pushes.
 */
package io.kubefile.copy;
