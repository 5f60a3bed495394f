/**
 * File-system helpers shared by every stage: atomic writes (temporary file, then rename, so a reader
 * never sees half a file and a killed process leaves nothing half-written), digesting streams and
 * whole-tree operations.
 */
package io.kubefile.files;
