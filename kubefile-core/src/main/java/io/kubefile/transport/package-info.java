/**
 * Image archive files: the {@code oci-archive} and {@code docker-archive} formats, the tar reader
 * that reads them in place (refusing entries that would escape the archive) and the reproducible
 * tar writer, and {@code load}. Images go in and out of archives as copies through the one copier
 * ({@link io.kubefile.copy.ArchiveSources}, {@link io.kubefile.copy.ArchiveSink}).
 */
package io.kubefile.transport;
