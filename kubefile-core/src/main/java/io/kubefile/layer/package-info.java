/**
 * Reproducible layers: tar entries sorted, times fixed and ownership numeric, so the same input
 * always gives the same digest; and a cache that reuses a layer built before from the same input.
 */
package io.kubefile.layer;
