/**
 * The build context: the directory a Kubefile's {@code COPY} reads from, its {@code .dockerignore}
 * rules (moby's patternmatcher semantics), and paths resolved so that nothing outside the context is
 * read, not even through symlinks.
 */
package io.kubefile.context;
