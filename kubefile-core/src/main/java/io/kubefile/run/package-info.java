/**
 * Installing cluster images on hosts, as {@code sealos run} does: the Clusterfile
 * ({@link io.kubefile.run.Clusterfile}, saved at {@code ~/.sealos/<cluster>/Clusterfile}), the
 * files of each image taken from the local store ({@link io.kubefile.run.ImageFiles}), placed by
 * type (rootfs and patch on every host, application on master0) and synchronised by content
 * ({@link io.kubefile.run.TreeSync}), the lifecycle label scripts in sealos's order, and CMDs with
 * the merged env ({@link io.kubefile.run.InstallEnv}). {@link io.kubefile.run.RunPipeline} is the
 * one code path behind {@code run}, {@code apply} and {@code create}; hosts are reached through
 * {@code io.kubefile.ssh}.
 */
package io.kubefile.run;
