/**
 * Typed instructions built from the parser's AST ({@code FROM}, {@code COPY}, {@code ENV}, ...), with
 * their flags validated as buildkit validates them; a whole file is a {@link
 * io.kubefile.lang.instructions.Kubefile} of stages.
 */
package io.kubefile.lang.instructions;
