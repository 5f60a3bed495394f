package io.kubefile.lang.parser;

/** A non-fatal finding of the parser, such as an empty continuation line. */
public record ParseWarning(String shortMessage, String detail, int line) {}
