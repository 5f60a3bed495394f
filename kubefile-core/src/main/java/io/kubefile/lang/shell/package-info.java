/**
 * Shell-word expansion as buildkit's shell lexer does it: quotes, escapes, {@code $VAR} and every
 * {@code ${VAR...}} form, for instructions that expand their arguments.
 */
package io.kubefile.lang.shell;
