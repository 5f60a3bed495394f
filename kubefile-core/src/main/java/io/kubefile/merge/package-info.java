/**
 * {@code merge}: several cluster images into one, with sealos's semantics ({@code sealos merge},
 * SEALOS_COMPAT §7): the inputs' configs are merged by a pure function ({@link
 * io.kubefile.merge.ConfigMerge}), written as the Sealfile sealos generates ({@link
 * io.kubefile.merge.MergeSealfile}), and that Sealfile is built by the ordinary builder, so the
 * inputs' files are layered in order with {@code COPY --from} and no container runtime is needed.
 */
package io.kubefile.merge;
