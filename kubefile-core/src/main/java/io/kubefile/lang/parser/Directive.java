package io.kubefile.lang.parser;

/** A parser directive ({@code # escape=`}, {@code # syntax=...}, {@code # check=...}). */
public record Directive(String name, String value, int line) {}
