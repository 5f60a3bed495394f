/**
 * Building a cluster image from a Kubefile and its context: stages evaluated instruction by
 * instruction ({@code FROM}, {@code COPY}/{@code ADD}, {@code ENV}, {@code LABEL}, ...), base images
 * resolved from the store or pulled, reproducible layers, and the image config written into the
 * store. {@link io.kubefile.builder.KubefileBuilder} is the entry point.
 */
package io.kubefile.builder;
