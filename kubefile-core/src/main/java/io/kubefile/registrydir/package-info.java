/**
 * The {@code registry/} directory of a cluster image: container images stored in the Docker distribution
 * filesystem storage layout, which the cluster's registry serves unchanged at install time (SEALOS_COMPAT
 * §3.6, §3.8).
 *
 * <p>Hand-written because no maintained Java library writes distribution's storage layout; upstream Sealos
 * gets it by running the registry in-process and pushing to it. Writing the files directly avoids that
 * server (and its port) while producing the same tree: {@link io.kubefile.registrydir.RegistryPaths} mirrors
 * distribution's {@code registry/storage/paths.go}, and the tests serve what was written with a real
 * {@code docker-registry}.
 *
 * <p>Entry points: {@link io.kubefile.registrydir.RegistryDirectory} (write and read) and {@link
 * io.kubefile.registrydir.RepositoryNaming} (where each source reference goes, collisions detected before
 * anything is written).
 */
package io.kubefile.registrydir;
