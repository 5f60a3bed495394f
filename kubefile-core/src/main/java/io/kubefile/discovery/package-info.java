/**
 * Finding the images a cluster image needs, as {@code sealos build} finds them: {@code image:} lines in
 * {@code manifests/}, rendered Helm charts in {@code charts/}, {@code images/shim/} lists and
 * {@code images/skopeo/tar.txt} archives, minus {@code .sealignore}. Results keep every place an image
 * was found (file and line) so that errors can name them.
 */
package io.kubefile.discovery;
