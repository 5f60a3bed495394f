/**
 * The Kubefile Maven plugin: builds a cluster image from a build context during {@code package},
 * saves the images it references into {@code registry/}, pushes it during {@code deploy}, as {@code
 * jib-maven-plugin} does for container images. Every goal is a thin shell over the kubefile-core
 * library, as the CLI is; credentials come from {@code settings.xml} servers (id = registry host)
 * and then from the auth files podman and docker write.
 */
package io.kubefile.maven;
