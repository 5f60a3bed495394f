/**
 * Go and buildkit compatibility helpers shared by the parser, the shell lexer and the build context:
 * Go's string, whitespace and quoting rules ({@link io.kubefile.lang.go.GoText}) and the pieces of
 * buildkit's shell lexer that the parser's heredoc detection reuses.
 */
package io.kubefile.lang.go;
