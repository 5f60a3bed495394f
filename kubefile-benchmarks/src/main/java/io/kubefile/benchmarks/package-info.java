/**
 * Benchmarks that measure Kubefile against the tools it replaces (buildah, skopeo, OpenSSH), reported
 * as ratios so they hold across machines; performance claims in the README come from here, never from
 * timed unit tests.
 */
package io.kubefile.benchmarks;
