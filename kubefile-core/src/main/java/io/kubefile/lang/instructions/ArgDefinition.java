package io.kubefile.lang.instructions;

/** One {@code name[=default]} of an ARG; the default is raw (null when absent). */
public record ArgDefinition(String name, String defaultValue) {}
