package io.kubefile.lang.instructions;

/**
 * One ENV or LABEL pair, raw. {@code legacyForm} is true for {@code ENV key value} (no {@code =}),
 * where the value is the verbatim rest of the line.
 */
public record KeyValue(String key, String value, boolean legacyForm) {}
