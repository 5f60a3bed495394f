/**
 * The {@code kubefile} command line (picocli): commands only parse flags, call the library and print
 * its results. Failures reach the user through {@link io.kubefile.cli.ErrorReporter} as one line,
 * exit status 1 (2 for usage errors), with the stack trace only under {@code --debug} or
 * {@code KUBEFILE_DEBUG=1}. Process-wide concerns a library must not impose on its host application
 * (shutdown hooks, logging set-up) live here, not in kubefile-core.
 */
package io.kubefile.cli;
