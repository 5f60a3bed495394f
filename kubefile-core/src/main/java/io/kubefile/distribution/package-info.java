/**
 * A client for the OCI distribution spec (the Docker registry HTTP API v2).
 *
 * <p>Why hand-written: the Java registry libraries we could keep either want a daemon, pull in a
 * large HTTP stack, or lack what a builder of cluster images needs — resumable blob downloads with
 * {@code Range}, streamed uploads with cross-repository mounts, docker/containers credential files
 * and helpers, and per-registry TLS trust from {@code certs.d}. The JDK's {@link
 * java.net.http.HttpClient} is enough transport for all of it.
 *
 * <p>Entry point: {@link io.kubefile.distribution.RegistryClient}.
 */
package io.kubefile.distribution;
