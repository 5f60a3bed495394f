/**
 * Image archives: reading and writing {@code oci-archive} and {@code docker-archive} tar files
 * ({@code save}, {@code load}), refusing entries that would escape the extraction directory.
 */
package io.kubefile.transport;
