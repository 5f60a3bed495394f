/**
 * The local image store: an OCI image layout ({@code index.json}, {@code blobs/}) that skopeo and umoci
 * read as {@code oci:DIR:NAME}, with names, leases that keep blobs in use from being pruned, and
 * locks that let several kubefile processes share one store.
 */
package io.kubefile.store;
