/**
 * Go's {@code text/template} with the sprig functions sealos provides: one engine for {@code .tmpl}
 * rendering at install time ({@link io.kubefile.lang.template.TemplateFiles}) and for {@code inspect
 * -f} ({@link io.kubefile.lang.template.GoTemplate}). Lexer, parser and executor are ports of Go's,
 * so that templates written for sealos render byte for byte the same and fail with Go's messages.
 */
package io.kubefile.lang.template;
