/**
 * Saving the container images a cluster image references into its {@code registry/} directory
 * (SEALOS_COMPAT §3): {@link io.kubefile.save.RegistrySaver} plans names, resolves manifests and copies
 * images in parallel, de-duplicated through the local store's blob cache, from registries and from
 * {@code docker-archive}/{@code oci-archive} files, failing per image with the file and line that
 * referenced it.
 */
package io.kubefile.save;
