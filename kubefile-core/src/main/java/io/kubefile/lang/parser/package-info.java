/**
 * The Kubefile (Dockerfile) parser, following buildkit's: directives, line continuations, heredocs
 * and JSON forms, into an AST whose nodes keep their line numbers; errors read like a compiler's,
 * {@code Kubefile:7: ...}.
 */
package io.kubefile.lang.parser;
