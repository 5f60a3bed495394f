/**
 * The root of the Kubefile library: {@link io.kubefile.KubefileException}, which every failure the
 * library reports extends (one unchecked type for a caller to catch, with a message written for the
 * person running the tool), and {@link io.kubefile.ErrorMessages}, which words any failure,
 * including the JDK's, without Java class names. The pipeline stages are the sub-packages.
 */
package io.kubefile;
